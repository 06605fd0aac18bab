import { getDb } from '@/db/client';
import { ImportFileError, importMemberFile, type ImportSummary } from '@/members/import';
import { systemClock } from '@/runtime/clock';
import { JourneyRuntime } from '@/runtime/engine';
import { upsertMembers } from '@/runtime/members';

/** `journey members import FILE [--dry-run]`: streams the file into the app database, progress on stderr. */
export async function importMembers(file: string | undefined, opts: { dryRun: boolean }): Promise<ImportSummary> {
  if (!file) throw new ImportFileError('FILE', 'Give the members file (CSV with a header row, or JSONL)');
  const runtime = new JourneyRuntime(getDb(), systemClock);
  const started = Date.now();
  const tty = process.stderr.isTTY;
  const summary = await importMemberFile(file, (profiles) => upsertMembers(runtime, profiles, { mode: 'skip-invalid', dryRun: opts.dryRun, prefix: () => '' }), {
    dryRun: opts.dryRun,
    onProgress: (rows) => {
      const rate = Math.round(rows / Math.max(0.001, (Date.now() - started) / 1000));
      process.stderr.write(`${tty ? '\r' : ''}${opts.dryRun ? 'checked' : 'imported'} ${rows.toLocaleString('en')} rows (${rate.toLocaleString('en')}/s)${tty ? '' : '\n'}`);
    },
  });
  if (tty) process.stderr.write('\n');
  return summary;
}

import fs from 'node:fs';
import { compileJourney, JourneyInvalidError, validateJourney } from '@/journey';
import { simMemberSchema, simulateJourney } from '@/cli/simulate';
import { incomingEventSchema } from '@/runtime/event-input';
import { JourneyRuntime } from '@/runtime/engine';
import { resolveEventMembers } from '@/runtime/resolve-members';
import { isInputError } from '@/members/errors';
import { ImportFileError } from '@/members/import';
import { importMembers } from './import-members';
import { runWorkerCommand } from './worker';
import { runTestRunner } from './test-runner';
import { systemClock } from '@/runtime/clock';
import { getDb } from '@/db/client';

const usage = `Usage: journey <command> [options]
  validate FILE                         exit 0 when valid, else exit 1 with JSON errors
  compile FILE                          print the XState machine config as JSON
  simulate FILE --members M.jsonl [--events E.jsonl] [--until ISO] [--start ISO]
  import EVENTS.jsonl                   bulk-ingest events into the app database (DATABASE_PATH)
  members import FILE [--dry-run]       import member profiles from CSV (header row) or JSONL; JSON summary on stdout
  worker [--index I --count N]          run an engine worker (the app starts its own); without --index/--count it
                                        shares the partitions with any other workers through leases (ENGINE_LEASE_MS)`;

class CliError extends Error {
  constructor(readonly errors: { path: string; message: string; nodeId?: string }[]) {
    super(errors[0]?.message);
  }
}

function readJson(file: string): unknown {
  if (!file) throw new CliError([{ path: 'FILE', message: 'Give the journey document file' }]);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new CliError([{ path: file, message: `Cannot read file "${file}"` }]);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError([{ path: file, message: `Not valid JSON: ${(err as Error).message}` }]);
  }
}

function readJsonl<T>(file: string, parse: (v: unknown) => T): T[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out: T[] = [];
  const errors: { path: string; message: string }[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(parse(JSON.parse(line)));
    } catch (err) {
      const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
      if (issues) for (const is of issues) errors.push({ path: `${file}:${i + 1}:${is.path.join('.')}`, message: is.message });
      else errors.push({ path: `${file}:${i + 1}`, message: (err as Error).message });
    }
  });
  if (errors.length) throw new CliError(errors);
  return out;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function instantOption(args: string[], name: string): number | undefined {
  const text = option(args, name);
  if (text === undefined) return undefined;
  const t = Date.parse(text);
  if (Number.isNaN(t)) throw new CliError([{ path: name, message: `Not an ISO 8601 instant: "${text}"` }]);
  return t;
}

async function run(argv: string[]): Promise<number> {
  const [command, file, ...rest] = argv;
  if (command === 'validate') {
    const problems = validateJourney(readJson(file));
    if (problems.length) {
      process.stdout.write(JSON.stringify({ valid: false, errors: problems }, null, 2) + '\n');
      return 1;
    }
    process.stdout.write(JSON.stringify({ valid: true, errors: [] }) + '\n');
    return 0;
  }
  if (command === 'compile') {
    process.stdout.write(JSON.stringify(compileJourney(readJson(file)), null, 2) + '\n');
    return 0;
  }
  if (command === 'simulate') {
    const membersFile = option(rest, '--members');
    if (!membersFile) throw new CliError([{ path: '--members', message: 'simulate needs --members M.jsonl' }]);
    const eventsFile = option(rest, '--events');
    const until = instantOption(rest, '--until');
    const start = instantOption(rest, '--start');
    const result = simulateJourney({
      document: readJson(file),
      members: readJsonl(membersFile, (v) => simMemberSchema.parse(v)),
      events: eventsFile ? readJsonl(eventsFile, (v) => incomingEventSchema.parse(v)) : [],
      until,
      start,
    });
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  }
  if (command === 'import') {
    if (!file) throw new CliError([{ path: 'FILE', message: 'Give the events file (JSONL)' }]);
    const events = readJsonl(file, (v) => incomingEventSchema.parse(v));
    const runtime = new JourneyRuntime(getDb(), systemClock);
    const totals = { accepted: 0, duplicates: 0, enrolled: 0 };
    // Every line is checked (shape and member) before anything is stored; then batches of 1,000 are each atomic.
    resolveEventMembers(runtime.db, events);
    for (let i = 0; i < events.length; i += 1000) {
      const r = runtime.ingest(events.slice(i, i + 1000));
      totals.accepted += r.accepted;
      totals.duplicates += r.duplicates;
      totals.enrolled += r.enrolled ?? 0;
    }
    process.stdout.write(JSON.stringify(totals) + '\n');
    return 0;
  }
  if (command === 'test-runner') return runTestRunner();
  if (command === 'worker') {
    const args = [file, ...rest].filter((a): a is string => a !== undefined);
    // Neither --index nor --count: lease mode (any number of workers, on any machines).
    const index = option(args, '--index');
    const count = option(args, '--count');
    return runWorkerCommand(index === undefined && count === undefined ? null : { index: Number(index ?? 0), count: Number(count ?? 1) });
  }
  if (command === 'members' && file === 'import') {
    const summary = await importMembers(rest[0], { dryRun: rest.includes('--dry-run') });
    process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
    // Rows were rejected: the rest is stored, but a script should notice.
    return summary.rejected > 0 ? 1 : 0;
  }
  process.stderr.write(usage + '\n');
  return command ? 1 : 0;
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
  const errors =
    err instanceof JourneyInvalidError
      ? err.problems
      : err instanceof CliError
        ? err.errors
        : isInputError(err)
          ? err.fields.map((f) => ({ path: f.field, message: f.message }))
          : err instanceof ImportFileError
            ? [{ path: err.field, message: err.message }]
            : [{ path: '', message: (err as Error).message }];
  process.stdout.write(JSON.stringify({ valid: false, errors }, null, 2) + '\n');
  process.exitCode = 1;
  },
);

'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useTRPC, useTRPCClient } from '@/components/trpc-provider';
import { useFormat } from '@/i18n/provider';
import '@/i18n/member-resources';
import { chunkRows, defaultTarget, mapRow, mappingProblems, parseMemberFile, type ParsedFile } from './import-file';
import { ImportMapping } from './import-mapping';
import { ImportResults, type ImportTotals } from './import-results';
import styles from './members.module.css';

/** Rows per `importRows` request, sent one after another. */
const CHUNK = 1_000;

interface Run {
  dryRun: boolean;
  sent: number;
  total: number;
  totals: ImportTotals;
  finished: boolean;
  error: string | null;
}

const emptyTotals = (): ImportTotals => ({ rows: 0, created: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] });

/** The members import wizard: choose a CSV or JSONL file, map its columns, preview, then import (or only check) in chunks. */
export function MemberImport() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [fileName, setFileName] = useState('');
  const [file, setFile] = useState<ParsedFile | null>(null);
  const [parseError, setParseError] = useState<string | null>(null);
  const [parsing, setParsing] = useState(false);
  const [mapping, setMapping] = useState<string[]>([]);
  const [dryRun, setDryRun] = useState(false);
  const [run, setRun] = useState<Run | null>(null);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const choose = async (chosen: File | undefined) => {
    setFile(null);
    setRun(null);
    setParseError(null);
    if (!chosen) return;
    setFileName(chosen.name);
    setParsing(true);
    try {
      const parsed = parseMemberFile(chosen.name, await chosen.text());
      setFile(parsed);
      setMapping(parsed.columns.map(defaultTarget));
    } catch (e) {
      setParseError(e instanceof Error ? e.message : String(e));
    } finally {
      setParsing(false);
    }
  };

  const start = async () => {
    if (!file) return;
    const totals = emptyTotals();
    for (const line of file.badLines) {
      totals.rows++;
      totals.rejected++;
      totals.errors.push({ line, field: 'line', message: t('memberImport.badJson') });
    }
    const state: Run = { dryRun, sent: 0, total: file.rows.length, totals, finished: false, error: null };
    setRun({ ...state });
    try {
      for (const chunk of chunkRows(file.rows, CHUNK)) {
        const r = await client.members.importRows.mutate({ rows: chunk.map((row) => mapRow(row.cells, mapping)), firstLine: chunk[0].line, dryRun });
        if (!alive.current) return;
        totals.rows += r.rows;
        totals.created += r.created;
        totals.updated += r.updated;
        totals.unchanged += r.unchanged;
        totals.rejected += r.rejected;
        totals.errors.push(...r.errors);
        state.sent += chunk.length;
        setRun({ ...state, totals: { ...totals } });
      }
      totals.errors.sort((a, b) => a.line - b.line);
      setRun({ ...state, totals: { ...totals }, finished: true });
      if (!dryRun) void queryClient.invalidateQueries({ queryKey: trpc.members.pathKey() });
    } catch (e) {
      if (alive.current) setRun({ ...state, totals: { ...totals }, error: e instanceof Error ? e.message : String(e) });
    }
  };

  const problems = mappingProblems(mapping);
  const running = run !== null && !run.finished && run.error === null;
  const ready = file !== null && file.rows.length > 0 && !problems.needId && problems.duplicates.length === 0;

  return (
    <div className="page" data-testid="member-import">
      <div className={styles.head}>
        <h1>{t('memberImport.heading')}</h1>
        <Link href="/members" className={styles.back}>
          {t('memberImport.back')}
        </Link>
      </div>
      <section className="card">
        <p className="muted small">{t('memberImport.intro')}</p>
        <label className="field">
          <span className="field-label">{t('memberImport.file')}</span>
          <input
            type="file"
            accept=".csv,.jsonl,.ndjson,.json,text/csv,application/x-ndjson"
            data-testid="import-file"
            disabled={running}
            onChange={(e) => void choose(e.target.files?.[0])}
          />
        </label>
        {parsing && <p className="muted">{t('memberImport.parsing')}</p>}
        {parseError && (
          <p className="error" data-testid="import-parse-error">
            {t('memberImport.parseError', { message: parseError })}
          </p>
        )}
        {file && (
          <p className="muted small" data-testid="import-detected">
            {t('memberImport.detected', { rows: fmt.number(file.rows.length + file.badLines.length), columns: fmt.number(file.columns.length), file: fileName })}
          </p>
        )}
        {file && file.rows.length === 0 && file.badLines.length === 0 && <p className="error">{t('memberImport.noRows')}</p>}
      </section>

      {file && file.rows.length > 0 && (
        <ImportMapping file={file} mapping={mapping} disabled={running} onChange={setMapping}>
          {problems.needId && (
            <p className="error" data-testid="import-mapping-problem">
              {t('memberImport.needId')}
            </p>
          )}
          {problems.duplicates.map((f) => (
            <p key={f} className="error" data-testid="import-mapping-problem">
              {t('memberImport.duplicate', { field: f })}
            </p>
          ))}
          <div className={styles.actions}>
            <label className="check">
              <input type="checkbox" data-testid="import-dry-run" checked={dryRun} disabled={running} onChange={(e) => setDryRun(e.target.checked)} />
              {t('memberImport.dryRun')}
            </label>
            <button type="button" className="btn primary" data-testid="import-start" disabled={!ready || running} onClick={() => void start()}>
              {dryRun ? t('memberImport.startDry') : t('memberImport.start')}
            </button>
          </div>
        </ImportMapping>
      )}

      {run && (
        <section className="card" data-testid="import-run">
          <div className={styles.progressRow}>
            <progress data-testid="import-progress" value={run.sent} max={Math.max(1, run.total)} aria-label={t('memberImport.progress', { sent: run.sent, total: run.total })} />
            <span className="small" data-testid="import-progress-text">
              {t('memberImport.progress', { sent: fmt.number(run.sent), total: fmt.number(run.total) })}
            </span>
          </div>
          {running && <p className="muted small">{run.dryRun ? t('memberImport.checking') : t('memberImport.running')}</p>}
          {run.error && (
            <p className="error" data-testid="import-error">
              {t('memberImport.failed', { message: run.error })}
            </p>
          )}
          <ImportResults totals={run.totals} finished={run.finished} dryRun={run.dryRun} />
        </section>
      )}
    </div>
  );
}

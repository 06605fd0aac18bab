import { crowdCsv, crowdKinds, type CrowdKind } from '@/analytics/crowds';
import { dateRangeSchema } from '@/analytics/date-range';
import { getAppRuntime } from '@/runtime/app-runtime';
import { guarded } from '@/server/auth/guard';
import { insertAudit } from '@/db/auth-store';
import { actorName } from '@/auth/permissions';
import { csvForViewer } from '@/server/csv-local';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/crowds/export?journeyId&nodeId&kind[&from&to][&tz]`: a crowd as CSV (UTF-8 BOM, times in `tz`), personal data masked; `from`/`to` in ms as in the report. */
export const GET = guarded('crowds:export', (req, principal) => {
  const url = new URL(req.url);
  const journeyId = url.searchParams.get('journeyId');
  const nodeId = url.searchParams.get('nodeId');
  const kind = url.searchParams.get('kind') as CrowdKind | null;
  const errors = [!journeyId && 'journeyId', !nodeId && 'nodeId', !(kind && crowdKinds.includes(kind)) && 'kind']
    .filter((f): f is string => !!f)
    .map((field) => ({ field, message: 'required' }));
  const bound = (name: string) => (url.searchParams.has(name) ? Number(url.searchParams.get(name)) : undefined);
  const range = dateRangeSchema.safeParse({ from: bound('from'), to: bound('to') });
  if (!range.success) errors.push(...range.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  if (errors.length || !range.success) {
    return Response.json({ error: `Missing or invalid: ${errors.map((e) => e.field).join(', ')}`, errors }, { status: 400 });
  }
  const { db } = getAppRuntime();
  // `tz`: the viewer's IANA zone (the page sends it), so times read as on their screen.
  const csv = csvForViewer(crowdCsv(db, { journeyId: journeyId!, nodeId: nodeId!, kind: kind!, range: range.data }), url.searchParams.get('tz'));
  insertAudit(db, { at: Date.now(), actor: actorName(principal), action: 'crowd.export', target: `journey:${journeyId}`, detail: { nodeId, kind, from: range.data.from ?? null, to: range.data.to ?? null } });
  // Any id may hold non-ASCII or CR/LF: an ASCII fallback name plus the RFC 5987 form, never a raw header value.
  const name = `${journeyId}-${nodeId}-${kind}.csv`;
  const ascii = name.replace(/[^\w.-]/g, '_');
  return new Response(csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}` },
  });
});

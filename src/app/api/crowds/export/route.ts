import { crowdCsv, crowdKinds, type CrowdKind } from '@/analytics/crowds';
import { dateRangeSchema } from '@/analytics/date-range';
import { getAppRuntime } from '@/runtime/app-runtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/crowds/export?journeyId&nodeId&kind[&from&to]`: a crowd as CSV, personal data masked; `from`/`to` in ms as in the report. */
export async function GET(req: Request) {
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
  const csv = crowdCsv(getAppRuntime().db, { journeyId: journeyId!, nodeId: nodeId!, kind: kind!, range: range.data });
  return new Response(csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${journeyId}-${nodeId}-${kind}.csv"` },
  });
}

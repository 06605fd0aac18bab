import { crowdCsv, crowdKinds, type CrowdKind } from '@/analytics/crowds';
import { getAppRuntime } from '@/runtime/app-runtime';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** `GET /api/crowds/export?journeyId&nodeId&kind`: a crowd as CSV, personal data masked. */
export async function GET(req: Request) {
  const url = new URL(req.url);
  const journeyId = url.searchParams.get('journeyId');
  const nodeId = url.searchParams.get('nodeId');
  const kind = url.searchParams.get('kind') as CrowdKind | null;
  const missing = [!journeyId && 'journeyId', !nodeId && 'nodeId', !(kind && crowdKinds.includes(kind)) && 'kind'].filter(Boolean) as string[];
  if (missing.length) {
    return Response.json({ error: `Missing or invalid: ${missing.join(', ')}`, errors: missing.map((field) => ({ field, message: 'required' })) }, { status: 400 });
  }
  const csv = crowdCsv(getAppRuntime().db, { journeyId: journeyId!, nodeId: nodeId!, kind: kind! });
  return new Response(csv, {
    headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${journeyId}-${nodeId}-${kind}.csv"` },
  });
}

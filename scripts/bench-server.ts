// A stand-in for the started app in `npm run bench`: the real /api/events and /api/trpc handlers on node:http,
// with the engine workers started as the app starts them. Prints its port on stdout; the bench is the client.
import http from 'node:http';
import { startEngineWorkers } from '@/runtime/app-runtime';
import { POST as postEvents } from '@/app/api/events/route';
import { GET as trpc } from '@/app/api/trpc/[trpc]/route';

const server = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const url = `http://127.0.0.1${req.url}`;
  const headers = new Headers(req.headers as Record<string, string>);
  const request = new Request(url, { method: req.method, headers, body: req.method === 'POST' ? Buffer.concat(chunks) : undefined });
  let response: Response;
  try {
    response = req.url?.startsWith('/api/events') ? await postEvents(request) : await trpc(request);
  } catch (err) {
    // As Next would: a 500 for the request, the server goes on.
    console.error('[bench-server]', (err as Error).message);
    response = Response.json({ error: 'internal' }, { status: 500 });
  }
  res.writeHead(response.status, { 'content-type': 'application/json' });
  res.end(await response.text());
});
if (process.env.BENCH_WORKERS !== '0') startEngineWorkers();
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as { port: number }).port}\n`));
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));

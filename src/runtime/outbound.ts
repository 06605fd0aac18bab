import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { getNodeKind, type ValidationProblem } from '@/journey';

/** Addresses a webhook must never reach: loopback, private, link-local (cloud metadata), carrier-grade NAT, multicast, unspecified. */
const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) blocked.addSubnet(net, prefix, 'ipv6');

const INTERNAL_NAMES = /(^|\.)(localhost|local|internal|localdomain)$/i;

/** `WEBHOOK_ALLOWED_HOSTS`: comma-separated host names or addresses (for tests and on-premise receivers). */
export function allowedHosts(): string[] {
  return (process.env.WEBHOOK_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
}

function isBlockedAddress(ip: string): boolean {
  const v = isIP(ip);
  if (v === 4) return blocked.check(ip, 'ipv4');
  if (v === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    return mapped ? blocked.check(mapped[1], 'ipv4') : blocked.check(ip, 'ipv6');
  }
  return false;
}

/** Why a webhook URL may not be used, judged without DNS; null when it may (a public name is checked again at send). */
export function webhookUrlProblem(raw: string, allowed = allowedHosts()): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `Only http and https webhooks are allowed, not ${url.protocol}`;
  if (url.username || url.password) return 'Credentials in the URL are not allowed';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowed.includes(host)) return null;
  if (isIP(host) ? isBlockedAddress(host) : INTERNAL_NAMES.test(host)) {
    return `${host} is a private, loopback or link-local address (list it in WEBHOOK_ALLOWED_HOSTS to allow it)`;
  }
  return null;
}

/** The same check after DNS: every address the name resolves to must be public, unless the host is allowed. */
export async function webhookTargetProblem(raw: string, allowed = allowedHosts(), resolve: (host: string) => Promise<string[]> = defaultResolve): Promise<string | null> {
  const static_ = webhookUrlProblem(raw, allowed);
  if (static_) return static_;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allowed.includes(host) || isIP(host)) return null;
  let addresses: string[];
  try {
    addresses = await resolve(host);
  } catch {
    return `Cannot resolve ${host}`;
  }
  const bad = addresses.find(isBlockedAddress);
  return bad ? `${host} resolves to ${bad}, a private, loopback or link-local address` : null;
}

async function defaultResolve(host: string): Promise<string[]> {
  return (await lookup(host, { all: true })).map((a) => a.address);
}

/** Webhook nodes of a document whose URL may not be used: refused at publish, on the node. */
export function outboundProblems(doc: unknown, allowed = allowedHosts()): ValidationProblem[] {
  const nodes = (doc as { nodes?: { id: string; kind: string; config?: Record<string, unknown> }[] })?.nodes ?? [];
  return nodes.flatMap((n) => {
    const sends = getNodeKind(n.kind)?.sends?.(n.config ?? {});
    if (sends?.channel !== 'webhook' || !sends.url) return [];
    const problem = webhookUrlProblem(sends.url, allowed);
    return problem ? [{ nodeId: n.id, path: 'config.url', message: problem, messageZh: `不允许的 Webhook 地址:${problem}` }] : [];
  });
}

import type { Db } from '@/db/client';
import type { OutboxRecord } from '@/db/outbox-external';
import { addRateLog, deferRateLimited, markAdmitted, pruneRateLog, rateLimitsByChannel, rateLogSince, type RateScope } from '@/db/send-rate';

const SECOND = 1000;
const MINUTE = 60_000;

/** At most `limit` sends in any `ms` window (sliding: a provider's "100 per second" holds for every second, not only aligned ones). */
interface Window {
  ms: number;
  limit: number;
}

interface KeyState {
  scope: RateScope;
  /** Sends admitted in the last minute (from the database), oldest first. */
  log: { at: number; n: number }[];
  /** Admitted in this pass, at `now`. */
  added: number;
}

type Limits = ReturnType<typeof rateLimitsByChannel>;

/** The rate keys a provider message counts against, each with its windows. */
function keysOf(row: OutboxRecord, limits: Limits): { key: string; scope: RateScope; windows: Window[] }[] {
  const keys: { key: string; scope: RateScope; windows: Window[] }[] = [];
  const channel = row.channel ?? '';
  const l = limits.get(channel);
  const windows: Window[] = [];
  if (l?.perSecond) windows.push({ ms: SECOND, limit: l.perSecond });
  if (l?.perMinute) windows.push({ ms: MINUTE, limit: l.perMinute });
  if (windows.length) keys.push({ key: `channel:${channel}`, scope: { channel }, windows });
  // The journey's own limit travels with each message (set by action.message from the journey's policy).
  const perJourney = Number(row.payload.journeySendsPerMinute);
  if (perJourney > 0) keys.push({ key: `journey:${row.journeyId}`, scope: { journeyId: row.journeyId }, windows: [{ ms: MINUTE, limit: perJourney }] });
  return keys;
}

function entries(state: KeyState, w: Window, now: number): { at: number; n: number }[] {
  const inWindow = state.log.filter((e) => e.at > now - w.ms);
  return state.added ? [...inWindow, { at: now, n: state.added }] : inWindow;
}

const used = (state: KeyState, w: Window, now: number) => entries(state, w, now).reduce((a, e) => a + e.n, 0);

/** The instant the window has room for one more: when enough of its oldest sends have left it. */
function nextRoom(state: KeyState, w: Window, now: number): number {
  const list = entries(state, w, now);
  let excess = list.reduce((a, e) => a + e.n, 0) - w.limit + 1;
  for (const e of list) {
    excess -= e.n;
    if (excess <= 0) return e.at + w.ms;
  }
  return now + w.ms;
}

/**
 * Which of the due candidates (oldest first) may be sent now. Webhooks pass through; a provider message goes when
 * every limit it counts against (its channel's per second and per minute, its journey's per minute) has room and
 * `canStart` (the dispatcher's concurrency) agrees. The admitted sends are counted in `send_rate_log` in the same
 * immediate transaction that admits them, so engine workers sharing the database cannot together exceed a limit and
 * a restarted worker sees what was sent before. When a limit is full, every due message of its channel (or journey)
 * in these partitions is moved to the instant the limit has room again, keeping their order by (that instant, id),
 * and logged once as `deferred: rate_limit`. A send admitted but never finished (a crash) counts again when it is
 * sent: conservative, never over the limit.
 */
export function admitSends(
  db: Db,
  candidates: OutboxRecord[],
  q: { now: number; partitions: readonly number[] | null; inFlight: readonly number[] },
  canStart: (row: OutboxRecord) => boolean,
): OutboxRecord[] {
  const { now } = q;
  const providerRows = candidates.filter((r) => r.status === 'sending');
  const limits = providerRows.length ? rateLimitsByChannel(db) : new Map() as Limits;
  // Nothing limited among them (the common case): no transaction, no bookkeeping.
  if (!providerRows.some((r) => keysOf(r, limits).length)) return candidates.filter(canStart);

  return db.transaction(() => {
    const states = new Map<string, KeyState>();
    const blocked = new Map<string, { scope: RateScope; until: number }>();
    const admitted: OutboxRecord[] = [];
    const stateOf = (key: string, scope: RateScope) => {
      let s = states.get(key);
      if (!s) {
        pruneRateLog(db, key, now - MINUTE);
        states.set(key, (s = { scope, log: rateLogSince(db, key, now - MINUTE), added: 0 }));
      }
      return s;
    };
    for (const row of candidates) {
      const keys = row.status === 'sending' ? keysOf(row, limits) : [];
      let held = false;
      for (const k of keys) {
        const state = stateOf(k.key, k.scope);
        const full = k.windows.filter((w) => used(state, w, now) >= w.limit);
        if (!full.length) continue;
        held = true;
        const until = Math.max(...full.map((w) => nextRoom(state, w, now)), blocked.get(k.key)?.until ?? 0);
        blocked.set(k.key, { scope: k.scope, until });
      }
      if (held || !canStart(row)) continue;
      admitted.push(row);
      for (const k of keys) states.get(k.key)!.added++;
    }
    for (const [key, s] of states) if (s.added) addRateLog(db, key, now, s.added);
    markAdmitted(db, admitted.map((r) => r.id));
    const exclude = [...q.inFlight, ...admitted.map((r) => r.id)];
    for (const { scope, until } of blocked.values()) deferRateLimited(db, { scope, now, until, exclude, partitions: q.partitions });
    return admitted;
  });
}

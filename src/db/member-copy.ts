import type { Db } from './client';

/**
 * Copies a member into another database (a test run's scratch copy): the member row, tags, static groups and
 * the last 500 events. `adjust` may change the member row first (masking personal data).
 */
export function copyMemberInto(from: Db, to: Db, memberId: string, adjust: (row: Record<string, unknown>) => void): void {
  const row = from.$client.prepare('select * from members where id = ?').get(memberId) as Record<string, unknown>;
  adjust(row);
  const columns = Object.keys(row);
  to.$client.prepare(`insert into members (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`).run(...columns.map((c) => row[c]));
  for (const tag of from.$client.prepare('select tag from member_tags where member_id = ?').pluck().all(memberId)) {
    to.$client.prepare('insert into member_tags (member_id, tag) values (?, ?)').run(memberId, tag);
  }
  for (const g of from.$client.prepare('select group_id from member_groups where member_id = ?').pluck().all(memberId)) {
    to.$client.prepare('insert into member_groups (group_id, member_id, added_at) values (?, ?, 0)').run(g, memberId);
  }
  const events = from.$client
    .prepare(`select id, member_id, type, occurred_at, received_at, properties from events where member_id = ? order by seq desc limit 500`)
    .all(memberId) as Record<string, unknown>[];
  const insert = to.$client.prepare('insert into events (id, member_id, type, occurred_at, received_at, properties) values (?, ?, ?, ?, ?, ?)');
  for (const e of events) insert.run(e.id, e.member_id, e.type, e.occurred_at, e.received_at, e.properties);
}

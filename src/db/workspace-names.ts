import type { Db } from './client';
import { dialectOf } from './dialect';

/** How many of the newest events are read for event names: a full scan of a large events table would stall the editor. */
const RECENT_EVENTS = 50_000;
/** Members sampled for custom attribute names, and newest events sampled for their property names. */
const ATTRIBUTE_SAMPLE = 1_000;
const PROPERTY_SAMPLE = 5_000;

export interface WorkspaceNames {
  /** Dynamic segments (人群) defined in this workspace. */
  segments: { id: string; name: string }[];
  /** Static groups (客群) with their member counts. */
  groups: { id: string; members: number }[];
  tags: { tag: string; members: number }[];
  /** Event types seen recently or used by a published journey's trigger. */
  events: string[];
  /** Custom attribute paths (`attributes.x`) found on members. */
  attributes: string[];
  /** Property paths (`properties.x`) seen on recent events, by event type: what an event filter can test. */
  eventProperties: Record<string, string[]>;
}

/** The names the journey editor's pickers offer beyond the built-in ones: what this workspace really has. */
export function workspaceNames(db: Db): WorkspaceNames {
  const all = <T>(text: string, ...params: unknown[]) => db.$client.prepare(text).all(...params) as T[];
  const column = (text: string, ...params: unknown[]) => db.$client.prepare(text).pluck().all(...params) as string[];
  // Postgres lists a JSON object's keys with jsonb_each (the column holds JSON text).
  const keysOf = (json: string) => (dialectOf(db) === 'pg' ? `jsonb_each((${json})::jsonb)` : `json_each(${json})`);
  return {
    segments: all<{ id: string; name: string }>(`select id, name from segments order by name, id`),
    groups: all<{ id: string; members: number }>(`select group_id as id, count(*) as members from member_groups group by group_id order by group_id`),
    tags: all<{ tag: string; members: number }>(`select tag, count(*) as members from member_tags group by tag order by tag`),
    events: column(
      // The subquery is named (`r`): Postgres before 16 requires it.
      `select type from (select type from events order by seq desc limit ?) r
       union select trigger_event from journey_versions where trigger_event is not null
       order by 1`,
      RECENT_EVENTS,
    ),
    attributes: column(
      `select distinct 'attributes.' || j.key from (select attributes from members limit ?) m, ${keysOf('m.attributes')} j order by 1`,
      ATTRIBUTE_SAMPLE,
    ),
    eventProperties: eventProperties(db),
  };
}

function eventProperties(db: Db): Record<string, string[]> {
  const keys = dialectOf(db) === 'pg' ? 'jsonb_each((e.properties)::jsonb)' : 'json_each(e.properties)';
  const rows = db.$client
    .prepare(
      `select e.type, 'properties.' || j.key as path from (select type, properties from events order by seq desc limit ?) e, ${keys} j
        group by 1, 2 order by 1, 2`,
    )
    .all(PROPERTY_SAMPLE) as { type: string; path: string }[];
  const byType: Record<string, string[]> = {};
  for (const r of rows) (byType[r.type] ??= []).push(r.path);
  return byType;
}

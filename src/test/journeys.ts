import type { Db } from '@/db/client';
import { members } from '@/db/schema';
import type { JourneyDocument } from '@/journey';
import { T0 } from './fixtures';

/** A node as written on the canvas, without a position. */
export interface NodeSpec {
  id: string;
  kind: string;
  config?: Record<string, unknown>;
}

type Extra = Partial<Omit<JourneyDocument, 'format' | 'nodes' | 'edges'>>;

/** `trigger → steps… → end`, each node leaving by its default `out` handle. */
export function chain(id: string, nodes: NodeSpec[], extra: Extra = {}): JourneyDocument {
  const all = [...nodes, { id: 'end', kind: 'end' }];
  return {
    format: 'journey/v1',
    id,
    name: id,
    entry: { reentry: 'never' },
    nodes: all,
    edges: all.slice(1).map((n, i) => ({ source: all[i].id, target: n.id })),
    ...extra,
  };
}

/** A journey with explicit edges written as `[source, target, handle?]`. */
export function graph(id: string, nodes: NodeSpec[], edges: [string, string, string?][], extra: Extra = {}): JourneyDocument {
  return {
    format: 'journey/v1',
    id,
    name: id,
    entry: { reentry: 'never' },
    nodes,
    edges: edges.map(([source, target, sourceHandle]) => ({ source, target, ...(sourceHandle ? { sourceHandle } : {}) })),
    ...extra,
  };
}

export const onEvent = (event: string): NodeSpec => ({ id: 't', kind: 'trigger.event', config: { event } });

/** Inserts one member with any profile columns (birthday, associate, tz…) the basic fixture does not cover. */
export function addMember(db: Db, m: Partial<typeof members.$inferInsert> & { id: string }): void {
  db.insert(members)
    .values({ name: `Member ${m.id}`, createdAt: T0, ...m })
    .run();
}

/** Rows of a query as plain objects. */
export function rows<T = Record<string, unknown>>(db: Db, sql: string, ...params: unknown[]): T[] {
  return db.$client.prepare(sql).all(...params) as T[];
}

export const iso = (t: number) => new Date(t).toISOString();

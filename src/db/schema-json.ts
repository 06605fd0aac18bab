import { text } from 'drizzle-orm/sqlite-core';

/** A JSON text column typed as T (shared by the schema files; not a table, so not re-exported from schema.ts). */
export const json = <T>(name: string) => text(name, { mode: 'json' }).$type<T>();

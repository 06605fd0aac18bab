// drizzle-kit finds tables among a schema file's exports: this file exports every derived Postgres table by its SQL name
// (CommonJS, as drizzle-kit loads it, because the list is computed from src/db/schema.ts and not written out by hand).
import { pgTables } from './schema';

module.exports = pgTables;

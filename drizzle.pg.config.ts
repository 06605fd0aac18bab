import { defineConfig } from 'drizzle-kit';

// Postgres migrations, generated from the same schema as ./drizzle (see src/db/pg/schema.ts).
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/pg/tables.ts',
  out: './drizzle/pg',
});

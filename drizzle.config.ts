import { defineConfig } from 'drizzle-kit';

// Each module owns its tables (src/modules/<area>/schema.ts); the platform keeps `settings`, the
// WeChat surface its request log and quota counters.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/platform/db/schema.ts', './src/surfaces/*/schema.ts', './src/modules/*/schema.ts'],
  out: './src/platform/db/migrations',
});

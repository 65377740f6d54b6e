#!/usr/bin/env node
// The one test command: builds the web app the browser tests need, lints (Biome, biome.json,
// and no dead exports), type-checks, then runs every test.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync('web/dist/index.html') || process.env.CI) run('npm', ['run', '--silent', 'build:web']);
run('npm', ['run', '--silent', 'lint']);
run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('npx', ['vitest', 'run', ...process.argv.slice(2)]);

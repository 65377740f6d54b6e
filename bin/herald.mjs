#!/usr/bin/env node
// Herald's command line. The TypeScript sources are bundled with esbuild into one ES module
// (about 0.2 s) and run with plain Node; running them through a TypeScript loader instead would
// cost some 50 MB of resident memory for the life of the server.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'node_modules', '.cache', 'herald');
const outfile = path.join(outdir, `cli-${process.pid}.mjs`);

let entry;
try {
  const esbuild = await import('esbuild');
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(root, 'src', 'main', 'cli.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  entry = pathToFileURL(outfile).href;
} catch {
  // Without esbuild, fall back to running the sources through tsx.
  const { register } = await import('tsx/esm/api');
  register();
  entry = pathToFileURL(path.join(root, 'src', 'main', 'cli.ts')).href;
}
try {
  await import(entry);
} finally {
  // The module is loaded; the file is not needed any more.
  if (entry.endsWith(`cli-${process.pid}.mjs`)) (await import('node:fs')).rmSync(outfile, { force: true });
}

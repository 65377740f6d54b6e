import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root (where package.json is), found from this module's location, so paths hold
 * both when the sources run directly and when `herald start` runs them bundled.
 */
function findRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'src', 'platform', 'db', 'migrations'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`Cannot find Herald's root from ${from}`);
    dir = up;
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const MIGRATIONS_DIR = path.join(ROOT, 'src', 'platform', 'db', 'migrations');
export const WEB_DIST = path.join(ROOT, 'web', 'dist');

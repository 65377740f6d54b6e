import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Mode of a private directory: its owner only. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of a private file: its owner only, read and write. */
export const PRIVATE_FILE_MODE = 0o600;

/** Creates a directory (and its parents) if needed and makes it private (0700). */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes every directory under `root` (itself included) 0700 and every file 0600, leaving
 * symbolic links alone. The embedded database (PGlite) creates its files 0666 whatever the
 * umask, and those files hold password hashes and callback tokens, so the tree is repaired on
 * creation and at every start. Returns how many entries had to change.
 */
export function repairPrivateTree(root: string): number {
  let changed = 0;
  const visit = (p: string) => {
    let st;
    try {
      st = lstatSync(p);
    } catch {
      return; // removed meanwhile
    }
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      if ((st.mode & 0o777) !== PRIVATE_DIR_MODE) {
        chmodSync(p, PRIVATE_DIR_MODE);
        changed++;
      }
      for (const name of readdirSync(p)) visit(path.join(p, name));
    } else if (st.isFile() && (st.mode & 0o777) !== PRIVATE_FILE_MODE) {
      chmodSync(p, PRIVATE_FILE_MODE);
      changed++;
    }
  };
  visit(root);
  return changed;
}

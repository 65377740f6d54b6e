import type { Config } from './config.js';
import { openDatabase } from './server.js';
import { DomainError } from '../platform/errors.js';
import { setPasswordCost } from '../platform/password.js';
import { checkAdminPassword, createPlatformAdmin } from '../modules/operators/commands/adminCreator.js';

const USAGE = 'Usage: herald admin create --email <email> --password-stdin [--org <name>] [--name <name>]';

interface AdminArgs {
  email: string;
  orgName: string;
  name?: string;
}

/** Parses `admin create` arguments; a string is the problem to report. */
export function parseAdminArgs(args: readonly string[]): AdminArgs | string {
  if (args[0] !== 'create') return `Unknown admin command "${(args[0] ?? '').slice(0, 40)}".`;
  const values: Record<string, string> = {};
  let stdin = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '--password-stdin') {
      stdin = true;
      continue;
    }
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (!['--email', '--org', '--name'].includes(flag)) return `Unknown option "${a.slice(0, 40)}".`;
    const value = eq > 0 ? a.slice(eq + 1) : args[i + 1];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) return `${flag} needs a value.`;
    if (eq < 0) i++;
    values[flag] = value;
  }
  if (!values['--email']) return '--email is required.';
  // A password on the command line would sit in the shell history and the process list.
  if (!stdin) return '--password-stdin is required: give the password on standard input.';
  return { email: values['--email'], orgName: values['--org'] ?? 'Platform', name: values['--name'] };
}

/** The first line of standard input (the password), without its line ending. */
async function readPassword(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size > 8192) break;
  }
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

/**
 * `herald admin create --email <email> --password-stdin [--org <name>]`: creates a platform
 * administrator with an organization, so a platform-mode Herald can be set up without SQL.
 * Exits 2 on bad arguments, 1 when refused (weak password, email taken).
 */
export async function adminCommand(cfg: Config, args: string[]): Promise<void> {
  const parsed = parseAdminArgs(args);
  if (typeof parsed === 'string') {
    console.error(`${parsed}\n${USAGE}`);
    process.exit(2);
  }
  setPasswordCost(cfg.passwordCost);
  const password = await readPassword();
  try {
    checkAdminPassword(password);
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
    return;
  }
  const database = await openDatabase(cfg);
  try {
    const admin = await createPlatformAdmin(database, { email: parsed.email, password, orgName: parsed.orgName, name: parsed.name });
    console.log(`Created platform administrator ${admin.email} (owner of organization "${admin.orgName}", ${admin.orgId}). Sign in at ${cfg.publicUrl}/console`);
  } catch (err) {
    if (err instanceof DomainError) {
      console.error(err.message);
      process.exitCode = 1;
      return;
    }
    throw err;
  } finally {
    await database.close();
  }
}

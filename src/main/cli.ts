import { existsSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../platform/paths.js';
import { loadConfig, ConfigError, type Config } from './config.js';
import { openDatabase, startHerald } from './server.js';
import { webDist } from './web.js';
import { seedDemo, type DemoCredentials } from './demo/demoSeeder.js';
import { seedFollowersCommand } from './cliSeed.js';
import { adminCommand } from './cliAdmin.js';

const root = ROOT;

const HELP = `Herald: a self-hostable Official Accounts platform and WeChat Official Account emulator.

Usage: herald <command> [options]

Commands:
  start            Start the server (web and worker roles; HERALD_ROLE to split)
  migrate          Apply database migrations and exit
  reset [--yes]    Wipe the embedded database (asks first; --yes for scripts)
  seed --followers N [--account <appid>]
                   Create N followers of an account (default: the demo service account)
  admin create --email <email> --password-stdin [--org <name>]
                   Create a platform administrator with an organization (password on stdin)
  help             Show this help

Configuration is read from the environment: PORT, HOST, HERALD_MODE (emulator|platform),
HERALD_DATA_DIR, DATABASE_URL, HERALD_DEMO (1|0), HERALD_ROLE (all|web|worker), LOG_LEVEL.
See README.md for the full list.`;

function config(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

function ensureWebBuilt(): void {
  if (existsSync(path.join(webDist, 'index.html'))) return;
  console.log('Building the web console (first start only)...');
  const r = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) console.warn('The web console could not be built; the API still works.');
}

function banner(cfg: Config, url: string, demo: DemoCredentials | undefined): string {
  const lines = [
    '',
    `Herald is ready on ${cfg.publicUrl} (${cfg.mode} mode, ${cfg.databaseUrl ? 'PostgreSQL' : `embedded database in ${cfg.dataDir}`})`,
    `  Console:   ${cfg.publicUrl}/console`,
  ];
  if (cfg.mode === 'emulator') lines.push(`  Phone:     ${cfg.publicUrl}/phone`, `  Simulator: ${cfg.publicUrl}/sim/v1 (docs/SIMULATOR.md)`);
  lines.push(`  WeChat API base: ${cfg.publicUrl}/cgi-bin/`);
  if (demo) {
    lines.push('', `  Console login: ${demo.email} / ${demo.password}  (English demo organization: ${demo.englishEmail}, same password)`);
    for (const a of demo.accounts) {
      lines.push(`  ${a.label.padEnd(22)} AppID ${a.appid}  AppSecret ${a.secret ?? '(shown at first start; reset it in the console)'}`);
    }
  }
  void url;
  return lines.join('\n');
}

async function start(): Promise<void> {
  const cfg = config();
  if (cfg.role !== 'worker') ensureWebBuilt();
  const database = await openDatabase(cfg);
  const herald = await startHerald({ config: cfg, database });
  let demo: DemoCredentials | undefined;
  if (cfg.demo && cfg.mode === 'emulator') demo = await seedDemo(herald.services);
  console.log(banner(cfg, herald.url, demo));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    herald.services.log.info({ signal }, 'shutting down');
    await herald.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

async function migrate(): Promise<void> {
  const cfg = config();
  const database = await openDatabase(cfg);
  await database.close();
  console.log('Migrations applied.');
}

async function reset(args: string[]): Promise<void> {
  const cfg = config();
  if (cfg.databaseUrl) {
    console.error('reset wipes the embedded database only; DATABASE_URL is set. Drop and recreate that database yourself.');
    process.exit(2);
  }
  if (!args.includes('--yes') && !args.includes('-y')) {
    if (!process.stdin.isTTY) {
      console.error(`Refusing to wipe ${cfg.dataDir} without confirmation: pass --yes.`);
      process.exit(2);
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`This deletes every account, follower and message in ${cfg.dataDir}. Type "yes" to continue: `);
    rl.close();
    if (answer.trim().toLowerCase() !== 'yes') {
      console.log('Nothing was deleted.');
      return;
    }
  }
  rmSync(cfg.dataDir, { recursive: true, force: true });
  console.log(`Wiped ${cfg.dataDir}. The next start creates fresh demo data.`);
}

const [cmd = 'help', ...rest] = process.argv.slice(2);
const commands: Record<string, (args: string[]) => Promise<void>> = {
  start: () => start(),
  migrate: () => migrate(),
  reset,
  seed: (args) => seedFollowersCommand(config(), args),
  admin: (args) => adminCommand(config(), args),
  help: async () => console.log(HELP),
};
const fn = commands[cmd];
if (!fn) {
  console.error(`Unknown command "${cmd}".\n\n${HELP}`);
  process.exit(2);
}
fn(rest).catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});

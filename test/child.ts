/** Helpers for tests that run the real `herald` command as a child process. */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export interface Child {
  proc: ChildProcess;
  output: () => string;
}

/** Starts `herald start` and resolves once it prints its ready line. */
export async function startChild(env: Record<string, string>, args: string[] = ['start']): Promise<Child> {
  const proc = spawn(process.execPath, ['bin/herald.mjs', ...args], {
    cwd: root,
    env: { ...process.env, HERALD_DEMO: '0', HOST: '127.0.0.1', HERALD_MODE: 'emulator', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`herald did not start:\n${out}`)), 120_000);
    const check = () => {
      if (/is ready on/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout?.on('data', check);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`herald exited with ${code}:\n${out}`));
    });
  });
  proc.removeAllListeners('exit');
  return { proc, output: () => out };
}

export async function kill(child: Child, signal: NodeJS.Signals): Promise<void> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.proc.once('exit', () => resolve());
    child.proc.kill(signal);
  });
}


import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** One Outpost process (`main.ts --role=web|worker`), its log kept in memory and in a file. */
export interface OutpostProcess {
  name: string;
  role: 'web' | 'worker';
  /** Web only. */
  url: string | null;
  /** The Slack bot token it uses: the fake Slack tells the workers apart by it. */
  slackToken: string;
  child: ChildProcess;
  lines: string[];
  /** Set when it exited; `expected` when the run killed or stopped it. */
  exit: { code: number | null; signal: NodeJS.Signals | null; expected: boolean } | null;
  kill(signal: NodeJS.Signals): void;
  /** SIGTERM, then waits for the exit (SIGKILL after 20 s). */
  stop(): Promise<void>;
}

export function startOutpost(options: {
  name: string;
  role: 'web' | 'worker';
  port?: number;
  env: Record<string, string>;
  logDir: string;
}): OutpostProcess {
  mkdirSync(options.logDir, { recursive: true });
  const log = createWriteStream(path.join(options.logDir, `${options.name}.log`));
  const slackToken = options.env.SLACK_BOT_TOKEN ?? '';
  const child = spawn(process.execPath, ['apps/server/src/main.ts', `--role=${options.role}`], {
    cwd: repoRoot,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc: OutpostProcess = {
    name: options.name,
    role: options.role,
    url: options.port ? `http://127.0.0.1:${options.port}` : null,
    slackToken,
    child,
    lines: [],
    exit: null,
    kill(signal) {
      expected = true;
      child.kill(signal);
    },
    async stop() {
      if (proc.exit) return;
      expected = true;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  let expected = false;
  let partial = '';
  const take = (chunk: Buffer) => {
    log.write(chunk);
    const text = partial + chunk.toString('utf8');
    const parts = text.split('\n');
    partial = parts.pop() ?? '';
    proc.lines.push(...parts);
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  child.once('exit', (code, signal) => {
    proc.exit = { code, signal, expected };
    log.end();
  });
  return proc;
}

/** Thrown inside an `until` check: stop waiting at once. */
export class Fatal extends Error {}

/** Polls `check` until it returns a value (not undefined/false) or the time runs out. */
export async function until<T>(
  what: string,
  check: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      if (error instanceof Fatal) throw error;
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export async function waitReady(proc: OutpostProcess, timeoutMs: number): Promise<void> {
  await until(
    `${proc.name} to be ready`,
    async () => {
      if (proc.exit) {
        throw new Fatal(
          `${proc.name} exited (${proc.exit.code ?? proc.exit.signal}) while starting:\n${proc.lines.slice(-30).join('\n')}`,
        );
      }
      if (proc.role === 'web') {
        const res = await fetch(`${proc.url}/readyz`, { signal: AbortSignal.timeout(5_000) });
        return res.status === 200;
      }
      return proc.lines.some((l) => l.includes('Outpost is running'));
    },
    timeoutMs,
    300,
  );
}

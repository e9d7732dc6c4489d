import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRunDatabase, type RunDatabase } from './e2e-database.ts';
import { repoRoot, serverEntry } from './e2e-paths.ts';

export interface RunningServer {
  baseUrl: string;
  /** The server process (the hostility suite reads its memory). */
  pid: number;
  /** Its DATA_DIR; uploaded files live under `files/` (the hostility suite checks nothing is left). */
  dataDir: string;
  /** Everything the server printed so far (shown when a test fails to start it). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real Outpost server (`node apps/server/src/main.ts`) as a child
 * process on a free port, on a brand-new database with the demo data: the embedded
 * one in a temp DATA_DIR, or — when DATABASE_URL is set — a PostgreSQL database
 * created for this run. Resolves once /readyz says ready.
 */
export async function startServer(options: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'outpost-e2e-'));
  const adminUrl = process.env.DATABASE_URL;
  const database: RunDatabase | null = adminUrl ? await createRunDatabase(adminUrl) : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    SEED_DEMO: 'true',
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
  };
  if (database) env.DATABASE_URL = database.url;
  else delete env.DATABASE_URL;
  // Slack stays off unless a test brings its own (fake) Slack workspace.
  delete env.SLACK_BOT_TOKEN;
  delete env.SLACK_SIGNING_SECRET;
  delete env.SLACK_API_URL;
  Object.assign(env, options.env);

  let output = '';
  const child = spawn(process.execPath, [serverEntry], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));

  const cleanUp = async () => {
    await stopChild(child);
    await database?.drop().catch((e) => console.error('could not drop the e2e database:', e));
    rmSync(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(baseUrl, child, () => output);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  return { baseUrl, pid: child.pid!, dataDir, output: () => output, stop: cleanUp };
}

async function waitUntilReady(
  baseUrl: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 180_000, // the demo seed runs first; the shared 2-core CI boxes are slow
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The server exited (code ${child.exitCode}) before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server was not ready within ${timeoutMs / 1000}s:\n${output()}`);
}

/** SIGTERM lets the server close its database cleanly; SIGKILL if it hangs. */
async function stopChild(child: ChildProcess, graceMs = 15_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

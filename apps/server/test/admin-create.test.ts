import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const dataDir = mkdtempSync(path.join(tmpdir(), 'outpost-admin-create-'));
const run = (args: string[]) =>
  spawnSync(process.execPath, [cli, 'admin:create', ...args], {
    encoding: 'utf8',
    timeout: 80_000,
    // A fresh embedded database: what an installation with SEED_DEMO=false starts from.
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, PUBLIC_URL: 'https://outpost.example' },
  });
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('npm run admin:create (decision record 042)', { timeout: 120_000 }, () => {
  it('creates the first administrator with a one-time link, then refuses a second one unless forced with a reason', () => {
    const first = run(['--email', 'first@insurer.test', '--name', '首任管理员']);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/https:\/\/outpost\.example\/reset-password\/[a-z0-9]+\.[a-z0-9]+/);

    const second = run(['--email', 'second@insurer.test', '--name', 'Second']);
    expect(second.status).toBe(3);
    expect(second.stderr).toMatch(/An administrator already exists.*--force --reason/);

    const noReason = run(['--email', 'second@insurer.test', '--name', 'Second', '--force']);
    expect(noReason.status).toBe(64);
    expect(noReason.stderr).toMatch(/--reason/);

    const forced = run([
      '--email',
      'second@insurer.test',
      '--name',
      'Second',
      '--force',
      '--reason',
      'the first one left',
    ]);
    expect(forced.status).toBe(0);
    expect(forced.stdout).toMatch(/forced; recorded in the audit log/);
  });
});

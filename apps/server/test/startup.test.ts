import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const run = (file: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [file, ...args], {
    encoding: 'utf8',
    timeout: 80_000,
    env: { ...process.env, ...env },
  });

// Each test starts a fresh Node process that loads the whole server; slow on a busy 2-core box.
describe('start-up failures are clear and change nothing', { timeout: 90_000 }, () => {
  it('an unreachable database: clear message, non-zero exit', () => {
    const child = run(main, [], { DATABASE_URL: 'postgres://outpost@127.0.0.1:1/outpost' });
    expect(child.status).toBe(1);
    expect(child.stderr).toMatch(
      /Outpost could not start: Cannot reach PostgreSQL at postgres:\/\/outpost@127\.0\.0\.1:1\/outpost/,
    );
    expect(child.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('invalid configuration: names the variable', () => {
    const child = run(main, [], { PORT: '99999' });
    expect(child.status).toBe(1);
    expect(child.stderr).toMatch(/PORT/);
  });

  it('separate web/worker roles refuse the single-process embedded database', () => {
    const child = run(main, ['--role=worker'], { DATABASE_URL: '' });
    expect(child.status).toBe(1);
    expect(child.stderr).toMatch(/need PostgreSQL: set DATABASE_URL/);
  });

  it('the CLI rejects an unknown command with its usage', () => {
    const child = run(cli, ['explode'], {});
    expect(child.status).toBe(64);
    expect(child.stderr).toMatch(/Usage: .*migrate\|seed\|verify-audit/);
  });
});

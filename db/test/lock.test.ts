import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, openDatabase } from '../src/index.ts';
import { acquireDataDirLock } from '../src/lock.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

describe('embedded database lock', () => {
  it('refuses a second holder while the first is alive, and frees the lock on release', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'outpost-lock-')), 'pglite');
    const release = acquireDataDirLock(dir);
    // Same process asking again is treated as a second opener only when another pid holds it,
    // so simulate another live process: the parent of this test runner.
    writeFileSync(`${dir}.lock`, String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(/already open in process/);
    release();
    const again = acquireDataDirLock(dir);
    again();
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'outpost-lock-')), 'pglite');
    const dead = spawnSync(process.execPath, [
      '-e',
      'process.stdout.write(String(process.pid))',
    ]).stdout.toString();
    writeFileSync(`${dir}.lock`, dead);
    const release = acquireDataDirLock(dir);
    // The lock now names this process, not the dead one, and is gone once released.
    expect(readFileSync(`${dir}.lock`, 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it('a second process opening the same data directory fails at once with a clear message', () => {
    const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'outpost-lock-')), 'pglite');
    // This process holds the directory as openDatabase does (without creating a database,
    // which takes seconds and proves nothing here); the other process really calls openDatabase.
    const release = acquireDataDirLock(dir);
    try {
      const script = `import('${path.resolve('src/index.ts')}').then(m => m.openDatabase({ dataDir: '${dir}' })).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(3); })`;
      const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
      expect(child.status).toBe(3);
      expect(child.stderr).toMatch(/already open in process \d+/);
    } finally {
      release();
    }
  }, 90_000);
});

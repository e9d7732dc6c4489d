import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * postgres.js 3.4.x mishandles a connection lost mid-query (decision record 054): it can crash the
 * process, and a query in flight can later resolve with an empty result instead of failing.
 * `scripts/patch-postgres.mjs` (run after every install) guards the three places. This test fails
 * when the installed driver lacks a guard — an upgrade changed the code: check whether upstream
 * fixed it (then drop the guard) or port the guard.
 */
const marks = [
  'outpost: guarded nextWrite',
  'outpost: error forgets the query',
  'outpost: closed fails queries in flight',
];

describe('the guarded postgres.js driver', () => {
  // The package's own directory, from the entry point it exports (it does not export package.json).
  const entry = createRequire(import.meta.url).resolve('postgres');
  const root = entry.slice(0, entry.lastIndexOf(`${path.sep}postgres${path.sep}`) + '/postgres'.length);
  for (const file of ['src/connection.js', 'cjs/src/connection.js']) {
    it(`${file} carries every guard`, () => {
      const source = readFileSync(path.join(root, file), 'utf8');
      for (const mark of marks) expect(source, mark).toContain(mark);
    });
  }
});

// Runs after `npm ci` / `npm install` (root postinstall) and in the Dockerfile's runtime stage.
//
// postgres.js 3.4.x can crash the whole process when PostgreSQL closes a connection (a restart,
// a failover, a pooler dropping it): a small write deferred with setImmediate runs after the
// socket was nulled by `closed()`, and `socket.write` on null throws from the immediate callback,
// where no caller can catch it (upstream porsager/postgres#1154 and #1208, fixes proposed in
// #1168 / #1209, not released as of 3.4.10). `npm run test:faults` hit it: a web process died
// when its PostgreSQL was restarted in the middle of ingestion (decision record 054).
//
// Three guards, each applied once (idempotent; a version whose code no longer has the line is left
// alone with a note, and packages/db/test/postgres-patch.test.ts fails so an upgrade is looked at):
// 1. `nextWrite` with no socket: the one proposed upstream — drop the buffered bytes and reject what
//    was waiting with CONNECTION_CLOSED (an ordinary, catchable error; the pool reconnects).
// 2. `error()` forgets the query it rejected. Upstream leaves it in `query`, so when the same
//    connection object reconnects, the new server's first ReadyForQuery "completes" it: a query
//    in flight during a restart could resolve with an empty result instead of failing. That is how
//    a valid API key was once refused (401) just after a restart in `npm run test:faults`.
// 3. `closed()` fails every query in flight also when the socket closed with an error (a reset):
//    upstream rejects them only for a clean close and leaves the others to be resolved, again, by
//    the next connection's first ReadyForQuery.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.join(root, 'node_modules', 'postgres');

/** Each guard: a mark that says it is applied, the upstream text and what replaces it. */
export const guards = [
  {
    mark: 'outpost: guarded nextWrite',
    upstream: '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n',
    guarded: `  function nextWrite(fn) {
    // outpost: guarded nextWrite (scripts/patch-postgres.mjs; porsager/postgres#1154, #1208)
    if (!socket) {
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)
`,
  },
  {
    mark: 'outpost: error forgets the query',
    upstream: '    errored(err)\n    while (sent.length)\n      queryError(sent.shift(), err)\n  }\n',
    guarded: `    errored(err)
    // outpost: error forgets the query it rejected (scripts/patch-postgres.mjs), so a reconnect never completes it
    query = null
    while (sent.length)
      queryError(sent.shift(), err)
  }
`,
  },
  {
    mark: 'outpost: closed fails queries in flight',
    upstream:
      "    !hadError && (query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))\n",
    guarded: `    // outpost: closed fails queries in flight (scripts/patch-postgres.mjs), also after a socket error
    ;(query || sent.length) && error(Errors.connection('CONNECTION_CLOSED', options, socket))
`,
  },
];

export const patchedFiles = ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js'];

if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href &&
  existsSync(path.join(pkg, 'package.json'))
) {
  for (const file of patchedFiles) {
    const target = path.join(pkg, file);
    if (!existsSync(target)) continue;
    let source = readFileSync(target, 'utf8');
    for (const guard of guards) {
      if (source.includes(guard.mark)) continue;
      if (!source.includes(guard.upstream)) {
        process.stderr.write(
          `patch-postgres: ${file} no longer has the code "${guard.mark}" guards; left as it is.\n`,
        );
        continue;
      }
      source = source.replace(guard.upstream, guard.guarded);
    }
    writeFileSync(target, source);
  }
}

// Runs after `npm ci` / `npm install` (root postinstall) and in the Dockerfile's runtime stage.
//
// postgres.js 3.4.x can crash the whole process when PostgreSQL closes a connection (a restart,
// a failover, a pooler dropping it): a small write deferred with setImmediate runs after the
// socket was nulled by `closed()`, and `socket.write` on null throws from the immediate callback,
// where no caller can catch it (upstream porsager/postgres#1154 and #1208, fixes proposed in
// #1168 / #1209, not released as of 3.4.10). `npm run test:faults` hit it: a web process died
// when its PostgreSQL was restarted in the middle of ingestion (decision record 054).
//
// The guard below is the one proposed upstream: with no socket, drop the buffered bytes and reject
// what was waiting on the connection with CONNECTION_CLOSED (the caller sees an ordinary,
// catchable connection error and the pool reconnects), instead of throwing. Idempotent; a
// version whose code no longer has the unguarded line is left alone (with a note), so an upgrade
// that fixes it upstream needs nothing here.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = path.join(root, 'node_modules', 'postgres');
const MARK = 'outpost: guarded nextWrite';
const UNGUARDED = '  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)\n';
const GUARDED = `  function nextWrite(fn) {
    // ${MARK} (scripts/patch-postgres.mjs; porsager/postgres#1154, #1208)
    if (!socket) {
      chunk = nextWriteTimer = null
      error(Errors.connection('CONNECTION_CLOSED', options))
      return false
    }
    const x = socket.write(chunk, fn)
`;

if (!existsSync(path.join(pkg, 'package.json'))) process.exit(0); // not installed (yet)
for (const file of ['src/connection.js', 'cjs/src/connection.js', 'cf/src/connection.js']) {
  const target = path.join(pkg, file);
  if (!existsSync(target)) continue;
  const source = readFileSync(target, 'utf8');
  if (source.includes(MARK)) continue;
  if (!source.includes(UNGUARDED)) {
    process.stderr.write(`patch-postgres: ${file} has no unguarded nextWrite; left as it is.\n`);
    continue;
  }
  writeFileSync(target, source.replace(UNGUARDED, GUARDED));
}

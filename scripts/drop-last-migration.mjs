// Removes the newest generated migration (SQL, snapshot and journal entry) so it can be
// generated again. Only for migrations that were never committed or applied anywhere.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

const dir = new URL('../db/migrations/', import.meta.url);
const journalUrl = new URL('meta/_journal.json', dir);
const journal = JSON.parse(readFileSync(journalUrl, 'utf8'));
const last = journal.entries.pop();
if (!last) throw new Error('no migration to drop');
rmSync(new URL(`${last.tag}.sql`, dir));
rmSync(new URL(`meta/${String(last.idx).padStart(4, '0')}_snapshot.json`, dir));
writeFileSync(journalUrl, `${JSON.stringify(journal, null, 2)}\n`);
console.log(`dropped ${last.tag}`);

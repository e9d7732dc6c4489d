import { existsSync } from 'node:fs';

/**
 * Reads `.env` from the working directory when there is one, before anything reads the
 * configuration; variables already set in the environment win. (Node's own
 * `--env-file-if-exists` says ".env not found" on every start without one.)
 */
if (existsSync('.env')) process.loadEnvFile('.env');

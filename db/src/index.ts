export * as schema from '../schema/index.ts';
export * from '../schema/index.ts';
export {
  type Database,
  type DatabaseConnection,
  DatabaseUnreachableError,
  onTransactionWait,
  openDatabase,
} from './client.ts';
export { DataDirLockedError } from './lock.ts';
export { expectedMigrationCount, migrate, migrationsCurrent } from './migrate.ts';
export { rowsOf } from './rows.ts';
export { postgresClient } from './postgres-client.ts';

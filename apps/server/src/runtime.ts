import path from 'node:path';
import { createSlackGateway } from '@outpost/bot';
import { type FileStorage, type Mailer, type SlackGateway, setAuditSigningKey } from '@outpost/core';
import { type DatabaseConnection, openDatabase } from '@outpost/db';
import { createSmtpMailer, createStorage } from '@outpost/infra';
import { startWorker, type WorkerHandle } from '@outpost/worker';
import type { Config } from './config.ts';
import type { PortalDeps } from './portal.ts';
import { prepareDatabase } from './prepare.ts';

/**
 * What every entry point (main.ts, dev.ts) builds the same way: the database
 * (migrated, seeded on a first embedded run), the outside services, and the worker.
 */
export interface Runtime {
  conn: DatabaseConnection;
  slack: SlackGateway | null;
  storage: FileStorage;
  mailer: Mailer | null;
  worker: WorkerHandle | null;
  seeded: boolean;
  logins: string;
  portalDeps: PortalDeps;
}

export async function startRuntime(config: Config, options: { worker: boolean }): Promise<Runtime> {
  setAuditSigningKey(config.audit.signingKey);
  if (config.audit.demoKey) {
    console.warn(
      'AUDIT_SIGNING_KEY is not set: audit entries are signed with the public DEMO key. Set it (32+ characters, kept outside the database) for any real use.',
    );
  }
  const conn = await openDatabase({
    url: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'pglite'),
    statementConnections: config.databaseConnections.statements,
    transactionConnections: config.databaseConnections.transactions,
  });
  try {
    const storage = createStorage(config.storage);
    const { seeded, logins } = await prepareDatabase(conn, config, storage);
    const slack = config.slack
      ? createSlackGateway({ token: config.slack.botToken, apiUrl: config.slack.apiUrl })
      : null;
    const mailer = config.mail ? createSmtpMailer(config.mail) : null;
    const worker = options.worker
      ? await startWorker({
          conn,
          slack,
          mailer,
          publicUrl: config.publicUrl,
          reviewersChannel: config.slack?.reviewersChannel ?? null,
          riskChannel: config.slack?.riskChannel ?? null,
          auditorsChannel: config.slack?.auditorsChannel ?? null,
          auditCheckpointEmail: config.audit.checkpointEmail ?? null,
        })
      : null;
    const portalDeps: PortalDeps = {
      db: conn.db,
      slack,
      storage,
      publicUrl: config.publicUrl,
      uploadMaxBytes: config.uploadMaxBytes,
      mailEnabled: mailer !== null,
    };
    return { conn, slack, storage, mailer, worker, seeded, logins, portalDeps };
  } catch (error) {
    await conn.close().catch(() => {});
    throw error;
  }
}

export async function stopRuntime(runtime: Runtime | undefined): Promise<void> {
  if (!runtime) return;
  await runtime.worker?.stop().catch((e) => console.error('worker stop:', e));
  await runtime.conn.close().catch((e) => console.error('database close:', e));
}

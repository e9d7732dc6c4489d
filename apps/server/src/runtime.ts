import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configureAuth } from '@outpost/auth';
import { createSlackGateway } from '@outpost/bot';
import { type FileStorage, type Mailer, type SlackGateway, setAuditSigningKey } from '@outpost/core';
import { type DatabaseConnection, openDatabase } from '@outpost/db';
import { createSmtpMailer, createStorage } from '@outpost/infra';
import { configureLogging, loggerFor } from '@outpost/log';
import { startWorker, type WorkerHandle } from '@outpost/worker';
import type { Config } from './config.ts';
import type { PortalDeps } from './portal.ts';
import { createMetrics, type Metrics } from './operating/metrics.ts';
import { prepareDatabase } from './prepare.ts';

const log = loggerFor('server');

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
  /** What GET /metrics publishes (operating/metrics.ts). */
  metrics: Metrics;
}

export async function startRuntime(config: Config, options: { worker: boolean }): Promise<Runtime> {
  configureLogging({ level: config.logLevel, format: config.logFormat });
  setAuditSigningKey(config.audit.signingKey);
  if (config.audit.demoKey) {
    log.warn(
      'AUDIT_SIGNING_KEY is not set: audit entries are signed with the public DEMO key. Set it (32+ characters, kept outside the database) for any real use.',
    );
  }
  const conn = await openDatabase({
    url: config.databaseUrl,
    dataDir: path.join(config.dataDir, 'pglite'),
    statementConnections: config.databaseConnections.statements,
    transactionConnections: config.databaseConnections.transactions,
    prepare: config.databasePrepare,
  });
  try {
    configureAuth({
      sessionInactivityMs: config.sessionInactivityMs,
      trustProxyHops: config.trustProxyHops,
      deviceCookieKey: authKey(config),
    });
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
          storage,
          publicUrl: config.publicUrl,
          reviewersChannel: config.slack?.reviewersChannel ?? null,
          riskChannel: config.slack?.riskChannel ?? null,
          riskAlertChannels: config.slack?.riskAlertChannels ?? {},
          riskIncidentsChannel: config.slack?.riskIncidentsChannel ?? null,
          sessionInactivityMs: config.sessionInactivityMs,
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
    return { conn, slack, storage, mailer, worker, seeded, logins, portalDeps, metrics: createMetrics(conn) };
  } catch (error) {
    await conn.close().catch(() => {});
    throw error;
  }
}

export async function stopRuntime(runtime: Runtime | undefined): Promise<void> {
  if (!runtime) return;
  runtime.metrics.close();
  await runtime.worker?.stop().catch((e) => log.error({ err: e }, 'worker stop failed'));
  await runtime.conn.close().catch((e) => log.error({ err: e }, 'database close failed'));
}

/**
 * The key that signs device cookies: AUTH_SECRET, or else one generated on first start and kept
 * in DATA_DIR (outside the database; 0600). Processes on several machines must share AUTH_SECRET
 * — with different keys a device cookie from another process is simply not trusted (the browser
 * is then limited like any other client, never locked in or out wrongly).
 */
function authKey(config: Config): Uint8Array {
  if (config.authSecret) return new TextEncoder().encode(config.authSecret);
  const file = path.join(config.dataDir, 'auth-secret');
  const read = () => new Uint8Array(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
  try {
    return read();
  } catch {
    mkdirSync(config.dataDir, { recursive: true });
    const secret = randomBytes(32);
    try {
      writeFileSync(file, secret.toString('base64'), { mode: 0o600, flag: 'wx' });
    } catch {
      return read(); // another process wrote it first
    }
    return new Uint8Array(secret);
  }
}

import { DEV_AUDIT_SIGNING_KEY } from '@outpost/core';
import { z } from 'zod';

/**
 * Every setting comes from the environment, is validated once at start-up and is
 * listed (with its default) in the README. A bad value stops the process with a
 * message naming the variable.
 */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  DATABASE_STATEMENT_CONNECTIONS: z.coerce.number().int().min(1).max(100).optional(),
  DATABASE_TRANSACTION_CONNECTIONS: z.coerce.number().int().min(1).max(100).default(10),
  DATA_DIR: z.string().default('.data'),
  SLACK_BOT_TOKEN: z.string().startsWith('xox', 'must be a Slack bot token (xoxb-…)').optional(),
  SLACK_SIGNING_SECRET: z.string().min(8).optional(),
  SLACK_API_URL: z.url().optional(),
  SLACK_REVIEWERS_CHANNEL: z.string().optional(),
  SLACK_RISK_CHANNEL: z.string().optional(),
  SLACK_RISK_INCIDENTS_CHANNEL: z.string().optional(),
  SLACK_AUDITORS_CHANNEL: z.string().optional(),
  SLACK_RISK_NOTICE_CHANNEL: z.string().optional(),
  SLACK_RISK_WARNING_CHANNEL: z.string().optional(),
  SLACK_RISK_CRITICAL_CHANNEL: z.string().optional(),
  SLACK_TEAM_ID: z
    .string()
    .regex(/^T[A-Z0-9]+$/, 'must be a Slack team id (T…)')
    .optional(),
  AUDIT_SIGNING_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  AUDIT_CHECKPOINT_EMAIL: z.email().optional(),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024),
  FILE_STORAGE: z.enum(['local', 's3']).default('local'),
  FILES_DIR: z.string().optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_BUCKET: z.string().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Outpost <no-reply@outpost.local>'),
  SEED_DEMO: z.enum(['auto', 'true', 'false']).default('auto'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  SESSION_TTL_DAYS: z.coerce.number().positive().max(365).default(10),
  // How many reverse proxies stand in front (their X-Forwarded-* headers are believed); true = 1.
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[0-9])$/, 'must be false, true or the number of proxies in front (0–9)')
    .default('false'),
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters (e.g. openssl rand -base64 32)').optional(),
  API_RATE_LIMIT_PER_KEY: z.coerce.number().int().min(1).default(600),
  API_RATE_LIMIT_PER_SESSION: z.coerce.number().int().min(1).default(600),
  API_RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  // Operating (decision record 044): log lines as JSON (default) or short text; /metrics off without a token.
  LOG_FORMAT: z.enum(['json', 'text']).optional(),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  DATABASE_PREPARE: z.enum(['true', 'false']).default('true'),
});

export type Env = z.infer<typeof schema>;

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  databaseUrl: string | undefined;
  /** Per process; statements default to one connection per core (db/src/client.ts). */
  databaseConnections: { statements: number | undefined; transactions: number };
  dataDir: string;
  slack: {
    botToken: string;
    signingSecret: string;
    apiUrl: string | undefined;
    reviewersChannel: string | undefined;
    riskChannel: string | undefined;
    /** Incidents opened and closed (decision record 035). */
    riskIncidentsChannel?: string | undefined;
    auditorsChannel: string | undefined;
    /** Risk alerts per level (decision 034); unset levels use riskChannel. */
    riskAlertChannels: {
      notice: string | undefined;
      warning: string | undefined;
      critical: string | undefined;
    };
    /** The installed workspace; requests from any other team are refused (docs/decisions/017). */
    teamId: string | undefined;
  } | null;
  audit: {
    /** HMAC key for audit entries and checkpoints; the demo key when `demoKey`. */
    signingKey: string;
    demoKey: boolean;
    checkpointEmail: string | undefined;
  };
  maxBodyBytes: number;
  uploadMaxBytes: number;
  storage:
    | { kind: 'local'; dir: string }
    | {
        kind: 's3';
        endpoint: string;
        bucket: string;
        region: string;
        accessKeyId: string;
        secretAccessKey: string;
      };
  mail: { smtpUrl: string; from: string } | null;
  seedDemo: 'auto' | 'true' | 'false';
  logLevel: Env['LOG_LEVEL'];
  sessionInactivityMs: number;
  /** Reverse proxies in front of us; 0: X-Forwarded-* headers are ignored. */
  trustProxyHops: number;
  /** Signs device cookies; when unset the server keeps a generated one in DATA_DIR (runtime.ts). */
  authSecret: string | undefined;
  apiRateLimit: { perApiKey: number; perSession: number; windowMs: number };
  logFormat: 'json' | 'text';
  /** Bearer token for GET /metrics; unset, /metrics answers 404. */
  metricsToken: string | undefined;
  /** false behind a pooler that cannot keep prepared statements (PgBouncer in transaction mode). */
  databasePrepare: boolean;
}

export class ConfigError extends Error {
  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "not set" (a blank line in .env should not fail validation).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (Boolean(e.SLACK_BOT_TOKEN) !== Boolean(e.SLACK_SIGNING_SECRET)) {
    throw new ConfigError(['SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET must be set together (or neither).']);
  }
  if (
    e.FILE_STORAGE === 's3' &&
    !(e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY)
  ) {
    throw new ConfigError([
      'FILE_STORAGE=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY.',
    ]);
  }
  const shownHost = e.HOST === '0.0.0.0' || e.HOST === '::' ? 'localhost' : e.HOST;
  return {
    port: e.PORT,
    host: e.HOST,
    publicUrl: (e.PUBLIC_URL ?? `http://${shownHost}:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    databaseConnections: {
      statements: e.DATABASE_STATEMENT_CONNECTIONS,
      transactions: e.DATABASE_TRANSACTION_CONNECTIONS,
    },
    dataDir: e.DATA_DIR,
    slack:
      e.SLACK_BOT_TOKEN && e.SLACK_SIGNING_SECRET
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            signingSecret: e.SLACK_SIGNING_SECRET,
            apiUrl: e.SLACK_API_URL,
            reviewersChannel: e.SLACK_REVIEWERS_CHANNEL,
            riskChannel: e.SLACK_RISK_CHANNEL,
            riskIncidentsChannel: e.SLACK_RISK_INCIDENTS_CHANNEL,
            auditorsChannel: e.SLACK_AUDITORS_CHANNEL,
            riskAlertChannels: {
              notice: e.SLACK_RISK_NOTICE_CHANNEL,
              warning: e.SLACK_RISK_WARNING_CHANNEL,
              critical: e.SLACK_RISK_CRITICAL_CHANNEL,
            },
            teamId: e.SLACK_TEAM_ID,
          }
        : null,
    audit: {
      signingKey: e.AUDIT_SIGNING_KEY ?? DEV_AUDIT_SIGNING_KEY,
      demoKey: !e.AUDIT_SIGNING_KEY,
      checkpointEmail: e.AUDIT_CHECKPOINT_EMAIL,
    },
    maxBodyBytes: e.MAX_BODY_BYTES,
    uploadMaxBytes: e.UPLOAD_MAX_BYTES,
    storage:
      e.FILE_STORAGE === 's3'
        ? {
            kind: 's3',
            endpoint: e.S3_ENDPOINT!,
            bucket: e.S3_BUCKET!,
            region: e.S3_REGION,
            accessKeyId: e.S3_ACCESS_KEY_ID!,
            secretAccessKey: e.S3_SECRET_ACCESS_KEY!,
          }
        : { kind: 'local', dir: e.FILES_DIR ?? `${e.DATA_DIR}/files` },
    mail: e.SMTP_URL ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM } : null,
    seedDemo: e.SEED_DEMO,
    logLevel: e.LOG_LEVEL,
    sessionInactivityMs: e.SESSION_TTL_DAYS * 24 * 3600 * 1000,
    trustProxyHops: e.TRUST_PROXY === 'true' ? 1 : e.TRUST_PROXY === 'false' ? 0 : Number(e.TRUST_PROXY),
    authSecret: e.AUTH_SECRET,
    apiRateLimit: {
      perApiKey: e.API_RATE_LIMIT_PER_KEY,
      perSession: e.API_RATE_LIMIT_PER_SESSION,
      windowMs: e.API_RATE_LIMIT_WINDOW_SECONDS * 1000,
    },
    // JSON for log collectors; short text lines when a person watches a terminal (npm start).
    logFormat: e.LOG_FORMAT ?? (process.stdout.isTTY ? 'text' : 'json'),
    metricsToken: e.METRICS_TOKEN,
    databasePrepare: e.DATABASE_PREPARE === 'true',
  };
}

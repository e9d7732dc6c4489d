import {
  type FileStorage,
  AUDITORS_CHANNEL,
  type Mailer,
  REVIEWERS_CHANNEL,
  RISK_CHANNEL,
  RISK_SLACK_CHANNELS,
  RISK_INCIDENTS_CHANNEL,
  type SlackGateway,
} from '@outpost/core';
import type { DatabaseConnection } from '@outpost/db';
import { loggerFor } from '@outpost/log';
import { createBoss } from './boss.ts';
import type { JobContext } from './jobs/context.ts';
import { type OutboxLoop, startOutboxLoop } from './outbox-loop.ts';
import { schedules } from './schedules.ts';

export { type ScheduledJob, schedules } from './schedules.ts';
export type { JobContext } from './jobs/context.ts';

export interface WorkerDeps {
  conn: DatabaseConnection;
  slack: SlackGateway | null;
  /** Sends the outbox's e-mail rows; without one they wait (nothing is lost). */
  mailer?: Mailer | null;
  /** The file store the orphan-files job scans. */
  storage?: FileStorage | null;
  publicUrl: string;
  /** Slack channel id that outbox rows addressed to `channel:reviewers` go to; unset, they are skipped. */
  reviewersChannel: string | null;
  /** Slack channel id for `channel:risk` (quarterly reviews ready, appeals); unset, they are skipped. */
  riskChannel?: string | null;
  /**
   * Slack channel ids for risk alerts per level (`channel:risk-notice|warning|critical`); a level
   * without one falls back to `riskChannel`; neither set, its alert posts are skipped.
   */
  riskAlertChannels?: Partial<Record<keyof typeof RISK_SLACK_CHANNELS, string | null>>;
  /** Slack channel id for `channel:risk-incidents` (incidents opened and closed); unset, they are skipped. */
  riskIncidentsChannel?: string | null;
  /** Slack channel id for `channel:auditors` (audit checkpoints); unset, those posts are skipped. */
  auditorsChannel?: string | null;
  /** Also e-mail audit checkpoints here (AUDIT_CHECKPOINT_EMAIL). */
  auditCheckpointEmail?: string | null;
  /** How often the in-process loop drains the outbox (default 5 s). */
  outboxPollMs?: number;
  /** Sessions idle this long are purged (SESSION_TTL_DAYS; default 10 days). */
  sessionInactivityMs?: number;
}

export interface WorkerHandle {
  /** Stops taking work, waits for running jobs and the outbox loop, leaves the database open. */
  stop(): Promise<void>;
}

export async function startWorker(deps: WorkerDeps): Promise<WorkerHandle> {
  const context: JobContext = {
    db: deps.conn.db,
    slack: deps.slack,
    mailer: deps.mailer ?? null,
    storage: deps.storage ?? null,
    publicUrl: deps.publicUrl,
    sessionInactivityMs: deps.sessionInactivityMs,
    slackChannels: {
      [REVIEWERS_CHANNEL]: deps.reviewersChannel,
      [RISK_CHANNEL]: deps.riskChannel ?? null,
      [RISK_INCIDENTS_CHANNEL]: deps.riskIncidentsChannel ?? null,
      [AUDITORS_CHANNEL]: deps.auditorsChannel ?? null,
      ...riskAlertChannelMap(deps),
    },
    auditCheckpointEmail: deps.auditCheckpointEmail ?? null,
  };
  const boss = createBoss(deps.conn);
  await boss.start();
  try {
    for (const job of schedules) {
      await boss.createQueue(job.name, { retryLimit: job.retryLimit, expireInSeconds: job.expireInSeconds });
      await boss.schedule(job.name, job.cron, null, { tz: job.tz });
      await boss.work(job.name, async () => runLogged(job, context));
    }
  } catch (error) {
    await boss.stop({ graceful: false }).catch(() => {});
    throw error;
  }
  // Without Slack or a mailer there is nothing to send: rows wait (the portal inbox shows notifications).
  const loop: OutboxLoop | null =
    deps.slack || deps.mailer ? startOutboxLoop(context, deps.outboxPollMs ?? 5_000) : null;

  let stopping: Promise<void> | undefined;
  return {
    stop() {
      stopping ??= (async () => {
        await loop?.stop();
        await boss.stop({ graceful: true, timeout: 10_000 });
      })();
      return stopping;
    },
  };
}

const log = loggerFor('worker');

/** One line when a scheduled job finishes (or fails: pg-boss retries it as the job allows). */
async function runLogged(job: (typeof schedules)[number], context: JobContext): Promise<unknown> {
  const started = performance.now();
  try {
    const output = await job.handler(context);
    log.info({ job: job.name, durationMs: Math.round(performance.now() - started) }, 'job finished');
    return output;
  } catch (error) {
    log.error(
      { job: job.name, durationMs: Math.round(performance.now() - started), err: error },
      'job failed',
    );
    throw error;
  }
}

/** `channel:risk-<level>` → the level's configured channel, else the risk channel. */
export function riskAlertChannelMap(
  deps: Pick<WorkerDeps, 'riskChannel' | 'riskAlertChannels'>,
): Record<string, string | null> {
  return Object.fromEntries(
    Object.entries(RISK_SLACK_CHANNELS).map(([level, target]) => [
      target,
      deps.riskAlertChannels?.[level as keyof typeof RISK_SLACK_CHANNELS] || deps.riskChannel || null,
    ]),
  );
}

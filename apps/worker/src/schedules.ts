import { checkpointAudit } from './jobs/audit-checkpoint.ts';
import { evaluateContractExecution } from './jobs/contract-execution.ts';
import { checkContractExpiry } from './jobs/contract-expiry.ts';
import type { JobContext } from './jobs/context.ts';
import { scanDocumentExpiry } from './jobs/document-expiry.ts';
import { purgeLoginThrottle } from './jobs/login-throttle-purge.ts';
import { scanOrphanFiles } from './jobs/orphan-files.ts';
import { deliverOutbox } from './jobs/outbox-deliver.ts';
import { remindRectifications } from './jobs/rectification-reminders.ts';
import { remindRemediationTasks } from './jobs/risk-task-reminders.ts';
import { draftReviews } from './jobs/reviews-draft.ts';
import { purgeIdleSessions } from './jobs/sessions-purge.ts';
import { recordTrainingKpi } from './jobs/training-compliance.ts';
import { postTrainingDigest, remindTraining } from './jobs/training-reminders.ts';
import { evaluateRisk } from './jobs/risk-evaluate.ts';
import { escalateRisk } from './jobs/risk-escalate.ts';
import { snapshotTargets } from './jobs/targets-snapshot.ts';
import { makeRequestedReports, queueManagementReport } from './jobs/management-report.ts';
import { remindExitPlans } from './jobs/exit-plan-reminders.ts';
import { remindSupervisionTasks } from './jobs/supervision-reminders.ts';
import { remindTerminationTasks, revokeTerminatedAccess } from './jobs/termination-effective.ts';

export interface ScheduledJob {
  /** Also the pg-boss queue name. */
  name: string;
  /** Cron expression, evaluated in `tz`. */
  cron: string;
  tz: string;
  description: string;
  /** A run that outlives this is considered stuck and retried (pg-boss expireInSeconds). */
  expireInSeconds: number;
  /** Retries of a failed run; jobs that run again soon anyway need none. */
  retryLimit: number;
  /** `now` is for tests that move the clock; pg-boss calls it with the context only. */
  handler: (context: JobContext, now?: Date) => Promise<unknown>;
}

/**
 * Every recurring job, in one place. pg-boss runs each schedule once per tick across
 * all workers, so adding a worker process never runs a job twice.
 */
export const schedules: readonly ScheduledJob[] = [
  {
    name: 'outbox-deliver',
    cron: '* * * * *',
    tz: 'UTC',
    description:
      'Sends due Slack messages and e-mails from the outbox (backstop for the 5-second in-process loop).',
    expireInSeconds: 5 * 60,
    retryLimit: 0,
    handler: deliverOutbox,
  },
  {
    name: 'sessions-purge',
    cron: '17 3 * * *',
    tz: 'Asia/Shanghai',
    description: 'Deletes sessions idle for longer than the session inactivity limit.',
    expireInSeconds: 15 * 60,
    retryLimit: 2,
    handler: purgeIdleSessions,
  },
  {
    name: 'login-throttle-purge',
    cron: '23 3 * * *',
    tz: 'Asia/Shanghai',
    description: 'Deletes sign-in throttle rows that no longer lock anything.',
    expireInSeconds: 15 * 60,
    retryLimit: 2,
    handler: purgeLoginThrottle,
  },
  {
    name: 'document-expiry',
    // Early morning in China, so partners find the day's reminders when they start work.
    cron: '0 2 * * *',
    tz: 'Asia/Shanghai',
    description: 'Marks expired qualification documents and sends the 30- and 7-day expiry reminders.',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: scanDocumentExpiry,
  },
  {
    name: 'reviews-draft',
    // 01:30 China time on each of a quarter's first seven days: idempotent, so later days only catch up.
    cron: '30 1 1-7 1,4,7,10 *',
    tz: 'Asia/Shanghai',
    description:
      'Drafts the quarterly review of the quarter just ended for every active partner and tells the risk officers.',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: draftReviews,
  },
  {
    name: 'orphan-files',
    cron: '41 4 * * *',
    tz: 'Asia/Shanghai',
    description:
      'Finds stored files that no document, report or evidence row references and reports them (audit entry and log).',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: scanOrphanFiles,
  },
  {
    name: 'training-compliance',
    // Late evening in China, after the day's training: the running month shows the day's figure.
    cron: '45 23 * * *',
    tz: 'Asia/Shanghai',
    description: 'Records each partner’s training compliance of the day for the training_compliance KPI.',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: recordTrainingKpi,
  },
  {
    name: 'rectification-reminders',
    // After the document scan, so a partner's morning mail holds both.
    cron: '10 2 * * *',
    tz: 'Asia/Shanghai',
    description: 'Reminds partners of open rectification items due in a week and due tomorrow, each once.',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: remindRectifications,
  },
  {
    name: 'audit-checkpoint',
    cron: '5 * * * *',
    tz: 'UTC',
    description:
      "Signs the audit chain's head (AUDIT_SIGNING_KEY) into audit_checkpoints and posts it to the auditors.",
    expireInSeconds: 15 * 60,
    retryLimit: 2,
    handler: checkpointAudit,
  },
  {
    name: 'training-reminders',
    // After the rectification reminders: a person's morning mail holds all of the day's reminders.
    cron: '20 2 * * *',
    tz: 'Asia/Shanghai',
    description:
      'Reminds people of assigned training due in 14 and in 3 days, and sends partner administrators one digest a day of overdue people.',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: remindTraining,
  },
  {
    name: 'training-slack-digest',
    // Monday 09:00 in China, when the risk officers start the week; claimed per week.
    cron: '0 9 * * 1',
    tz: 'Asia/Shanghai',
    description:
      'Posts the partners below the training compliance threshold (setting training.digest) to the risk channel, once a week.',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: postTrainingDigest,
  },
  {
    name: 'risk-evaluate',
    // Often enough that an alert closes soon after its clearing time, cheap enough (rollups only) to run every quarter hour.
    cron: '*/15 * * * *',
    tz: 'UTC',
    description:
      'Evaluates every enabled risk rule for every partner: raises alerts, marks cleared ones, closes those cleared long enough.',
    expireInSeconds: 15 * 60,
    retryLimit: 0,
    handler: evaluateRisk,
  },
  {
    name: 'risk-escalate',
    // Every five minutes: a reminder or escalation is at most five minutes late on a 24-hour deadline.
    cron: '*/5 * * * *',
    tz: 'UTC',
    description:
      'Reminds the owner of risk alerts unacknowledged past the reminder point and escalates overdue ones to the head of risk (critical: both).',
    expireInSeconds: 5 * 60,
    retryLimit: 0,
    handler: escalateRisk,
  },
  {
    name: 'risk-task-reminders',
    // With the other morning reminders, after the training ones.
    cron: '30 2 * * *',
    tz: 'Asia/Shanghai',
    description:
      'Reminds partners (and staff of internal tasks) of remediation tasks due within 2 days and of overdue ones, each once.',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: remindRemediationTasks,
  },
  {
    name: 'contract-expiry',
    // Early morning in China, before people start: the day's reminders are in the inbox.
    cron: '15 2 * * *',
    tz: 'Asia/Shanghai',
    description:
      'Marks contracts expiring (within 90 days) or expired, and reminds their owners 90, 60 and 30 days before the term ends and before the notice deadline, each once.',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: checkContractExpiry,
  },
  {
    name: 'targets-snapshot',
    // Late in the China day: the last run of a quarter is minutes before it ends (decision 046).
    cron: '50 23 * * *',
    tz: 'Asia/Shanghai',
    description:
      "Records every active partner's compliance with the target's requirements for the running quarter; a closed quarter keeps its last record.",
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: snapshotTargets,
  },
  {
    name: 'contract-execution',
    // 01:00 China time on each month's first seven days, before the quarterly reviews are drafted
    // (01:30): core claims each period once, so later days only catch up after a worker outage.
    cron: '0 1 1-7 * *',
    tz: 'Asia/Shanghai',
    description:
      'Compares every contract in force with its SLA targets for the month just ended (and the quarter, after a quarter ends), stores the deviation, breaches and service credits, once per period.',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: evaluateContractExecution,
  },
  {
    name: 'management-report',
    // 03:00 China time on a quarter's first seven days: after the execution evaluation (01:00) and
    // the reviews (01:30) the report reads; the quarter's unique key makes later days no-ops.
    cron: '0 3 1-7 1,4,7,10 *',
    tz: 'Asia/Shanghai',
    description:
      'Queues and generates the quarterly management report of the quarter just closed (PDF and XLSX, zh-CN and en), posts it to the management channel and e-mails the configured list, once per quarter.',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: queueManagementReport,
  },
  {
    name: 'management-report-requests',
    cron: '* * * * *',
    tz: 'UTC',
    description:
      'Generates the management reports staff requested on /s/reports (queued → generating → ready).',
    expireInSeconds: 30 * 60,
    retryLimit: 0,
    handler: makeRequestedReports,
  },
  {
    name: 'exit-plan-reminders',
    // With the other morning reminders (decision record 050).
    cron: '40 2 * * *',
    tz: 'Asia/Shanghai',
    description:
      "Reminds each exit plan's owner (inbox and e-mail; the risk officers when it has none) once its yearly review is due, once per due date.",
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: remindExitPlans,
  },
  {
    name: 'supervision-reminders',
    // Morning in China, with the other reminders: the owner sees it when the day starts.
    cron: '20 2 * * *',
    tz: 'Asia/Shanghai',
    description:
      'Reminds the owner of each open supervision task due within three days (or overdue), once per due date.',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: remindSupervisionTasks,
  },
  {
    name: 'termination-effective',
    // Just after midnight China time, when the effective date begins, and hourly after that: a
    // worker that was down at midnight closes access within the hour (decision record 049).
    cron: '5 * * * *',
    tz: 'Asia/Shanghai',
    description:
      'Closes the access of partners whose termination takes effect today: sessions end, accounts disabled, API keys revoked, partner and contracts in force terminated; each case once.',
    expireInSeconds: 15 * 60,
    retryLimit: 2,
    handler: revokeTerminatedAccess,
  },
  {
    name: 'termination-task-reminders',
    cron: '35 2 * * *',
    tz: 'Asia/Shanghai',
    description:
      'Reminds partners and staff of exit checklist tasks due within 2 days and of overdue ones (escalated to the case owner), each once.',
    expireInSeconds: 30 * 60,
    retryLimit: 2,
    handler: remindTerminationTasks,
  },
];

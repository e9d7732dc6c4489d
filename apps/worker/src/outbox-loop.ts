import { isDatabaseUnavailable } from '@outpost/core';
import { loggerFor } from '@outpost/log';
import type { JobContext } from './jobs/context.ts';
import { deliverOutbox, hasBacklog } from './jobs/outbox-deliver.ts';

export interface OutboxLoop {
  stop(): Promise<void>;
}

/**
 * Drains the outbox every few seconds, so a Slack DM or an e-mail follows its event
 * within seconds instead of waiting for the next minute's cron tick. Each worker process
 * runs one; FOR UPDATE SKIP LOCKED keeps them from sending a row twice. A full batch
 * is followed at once by the next, so a backlog drains at Slack's pace.
 */
export function startOutboxLoop(context: JobContext, intervalMs: number): OutboxLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const tick = async () => {
    let again = false;
    try {
      again = hasBacklog(await deliverOutbox(context));
    } catch (error) {
      // PostgreSQL restarting is an outage the next pass rides out, not a bug (decision record 054).
      const level = isDatabaseUnavailable(error) ? 'warn' : 'error';
      loggerFor('worker')[level]({ err: error }, 'outbox delivery pass failed (will retry)');
    }
    if (!stopped) timer = setTimeout(run, again ? 0 : intervalMs);
  };
  const run = () => {
    running = tick();
  };
  timer = setTimeout(run, 0);

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

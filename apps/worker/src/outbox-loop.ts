import type { JobContext } from './jobs/context.ts';
import { deliverOutbox, OUTBOX_BATCH_SIZE } from './jobs/outbox-deliver.ts';

export interface OutboxLoop {
  stop(): Promise<void>;
}

/**
 * Drains the outbox every few seconds, so a Slack DM follows its event within
 * seconds instead of waiting for the next minute's cron tick. Each worker process
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
      const report = await deliverOutbox(context);
      again = report.claimed === OUTBOX_BATCH_SIZE && report.rateLimitedForSeconds === undefined;
    } catch (error) {
      console.error('Outbox delivery failed (will retry):', error);
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

import { deliverDueOutbox, SLACK_REFRESH_SPACING_MS } from '@outpost/core';
import type { SlackEventsDeps } from './deps.ts';
import { committeeOutboxKinds, messageRefreshKinds } from './outbox/index.ts';
import { slackLog } from './log.ts';

/** Redraws clicked messages soon after a click (the in-process follow-up of the durable refresh rows). */
export interface MessageRefresher {
  /** Asks for a delivery pass shortly; many asks while one is scheduled are one pass. */
  soon(): void;
}

const BATCH_SIZE = 50;

/**
 * The click's listener stores the change and its refresh row in one transaction, then
 * acknowledges; this only delivers those rows sooner than the worker's next pass. It
 * holds at most one timer and one pass per process — never a queue per click — and a
 * process that stops loses nothing: the worker delivers the same rows.
 */
export function createMessageRefresher(deps: SlackEventsDeps): MessageRefresher {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  /** Asked while a pass was scheduled or running: its row may not have been due yet, so pass once more. */
  let askedAgain = false;

  // A pass a spacing after it is armed, when the row that asked for it is due.
  const arm = () => {
    askedAgain = false;
    timer = setTimeout(pass, SLACK_REFRESH_SPACING_MS + 50);
    timer.unref();
  };
  const soon = () => {
    if (timer || running) askedAgain = true;
    else arm();
  };
  const pass = async () => {
    timer = null;
    running = true;
    let claimed = 0;
    try {
      const report = await deliverDueOutbox(deps.db, deps.slack, {
        publicUrl: deps.publicUrl,
        kinds: committeeOutboxKinds,
        onlyKinds: messageRefreshKinds,
        batchSize: BATCH_SIZE,
      });
      claimed = report.claimed;
    } catch (error) {
      slackLog.warn(
        { error: (error as Error).message },
        'Refreshing Slack messages failed (the worker will retry)',
      );
    } finally {
      running = false;
    }
    // More may be waiting (a full batch, rows queued meanwhile): they are due a spacing later.
    if (claimed > 0 || askedAgain) arm();
  };
  return { soon };
}

/** For tests and the benchmark: a refresher that does nothing (as if the process stopped after the ack). */
export const noRefresher: MessageRefresher = { soon() {} };

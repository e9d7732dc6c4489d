import type { RespondArguments } from '@slack/bolt';
import { slackLog } from './log.ts';

export type Reply = (message: RespondArguments) => Promise<unknown>;

/** Ephemeral answers sent after the ack (refusals, "not linked"), with a bound on how many wait at once. */
export interface ReplySender {
  send(reply: Reply, message: RespondArguments): Promise<void>;
}

/**
 * Answers to clicks that changed nothing. Beyond `maxInFlight` waiting answers (Slack
 * slow or a flood of refused clicks) further ones are dropped with a warning rather
 * than held in memory: the person's click changed nothing, and clicking again asks again.
 */
export function createReplySender(maxInFlight = 64): ReplySender {
  let inFlight = 0;
  return {
    async send(reply, message) {
      if (inFlight >= maxInFlight) {
        slackLog.warn({ inFlight }, 'Slack reply dropped: too many replies already waiting for Slack');
        return;
      }
      inFlight++;
      try {
        await reply(message);
      } catch (error) {
        slackLog.warn({ error: (error as Error).message }, 'Could not send the reply to Slack');
      } finally {
        inFlight--;
      }
    },
  };
}

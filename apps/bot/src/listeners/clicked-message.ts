import type { SlackMessageRef } from '@outpost/core';
import type { BlockAction } from '@slack/bolt';

/** The message a clicked button sits on (a DM from the outbox, or a channel message). */
export function clickedMessage(body: BlockAction): SlackMessageRef | null {
  const channel = body.container?.channel_id ?? body.channel?.id;
  const ts = body.container?.message_ts ?? body.message?.ts;
  return channel && ts ? { channel, ts } : null;
}

import type { SlackOutboxKind } from '@outpost/core';
import { committeeMessage } from '../committee/message.ts';

/**
 * `committee_refresh`: re-renders a member's committee message in place (chat.update)
 * after their vote or the committee's decision, from the state at delivery time.
 */
export const committeeRefreshKind: SlackOutboxKind = {
  async plan(db, row, { publicUrl }) {
    const { applicationId, memberId, ts } = row.payload;
    if (
      typeof applicationId !== 'string' ||
      typeof memberId !== 'string' ||
      typeof ts !== 'string' ||
      !row.target
    ) {
      return { skip: 'malformed committee refresh' };
    }
    const message = await committeeMessage(db, { applicationId, memberId, publicUrl });
    if ('skip' in message) return message;
    return { update: { channel: row.target, ts, text: message.text, blocks: message.blocks } };
  },
};

import type { SlackOutboxKind } from '@outpost/core';
import { incentiveMessage } from '../incentives/ballot.ts';

/** `incentive_refresh`: redraws an approver's incentive message in place, from the state at delivery. */
export const incentiveRefreshKind: SlackOutboxKind = {
  async plan(db, row, { publicUrl }) {
    const { recordId, approverId, ts } = row.payload;
    if (
      typeof recordId !== 'string' ||
      typeof approverId !== 'string' ||
      typeof ts !== 'string' ||
      !row.target
    ) {
      return { skip: 'malformed incentive refresh' };
    }
    const message = await incentiveMessage(db, { recordId, approverId, publicUrl });
    if ('skip' in message) return message;
    return { update: { channel: row.target, ts, text: message.text, blocks: message.blocks } };
  },
};

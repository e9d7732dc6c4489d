import type { SlackOutboxKind } from '@outpost/core';
import { contractMessage } from '../contracts/ballot.ts';

/** `contract_refresh`: redraws an approver's contract message in place, from the state at delivery. */
export const contractRefreshKind: SlackOutboxKind = {
  async plan(db, row, { publicUrl }) {
    const { contractId, approverId, ts } = row.payload;
    if (
      typeof contractId !== 'string' ||
      typeof approverId !== 'string' ||
      typeof ts !== 'string' ||
      !row.target
    ) {
      return { skip: 'malformed contract refresh' };
    }
    const message = await contractMessage(db, { contractId, approverId, publicUrl });
    if ('skip' in message) return message;
    return { update: { channel: row.target, ts, text: message.text, blocks: message.blocks } };
  },
};

import { type Database, notifications, outbox } from '@outpost/db';
import { and, eq, isNull } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { escapeSlackText, OPEN_IN_OUTPOST_ACTION_ID } from './outbox.ts';
import { slackRefreshTiming } from './slack-refresh.ts';

type Block = Record<string, unknown>;

/**
 * What differs between the approval ballots (contracts, incentives, terminations; decision record
 * 058): the outbox kinds, the inbox template and link, and the table remembering each approver's
 * Slack message, keyed by the subject's id column (`key`, also the outbox payload's field).
 */
export interface ApprovalBallotChannel<K extends string> {
  ballotKind: string;
  refreshKind: string;
  template: string;
  link: (subjectId: string) => string;
  table: PgTable & { approverId: PgColumn; channel: PgColumn; ts: PgColumn };
  subject: PgColumn;
  key: K;
}

/**
 * The Slack side of an approval, as outbox rows committed with the change (as the committee's):
 * an inbox entry per approver and a ballot DM rendered by the bot at delivery time, so a late
 * delivery shows the current state; refreshes redraw every approver's message (the live tally).
 */
export function approvalBallotMessages<K extends string>(spec: ApprovalBallotChannel<K>) {
  return {
    async queueBallots(
      tx: Database,
      subjectId: string,
      params: Record<string, string>,
      approverIds: string[],
    ) {
      if (approverIds.length === 0) return;
      const inbox = await tx
        .insert(notifications)
        .values(
          approverIds.map((recipientId) => ({
            recipientId,
            template: spec.template,
            params,
            link: spec.link(subjectId),
          })),
        )
        .returning({ id: notifications.id });
      await tx.insert(outbox).values(
        inbox.map((n) => ({
          channel: 'slack' as const,
          target: null,
          notificationId: n.id,
          payload: { kind: spec.ballotKind, [spec.key]: subjectId },
        })),
      );
    },

    /** Redraws every approver's message: the tally is live, so each decision changes all of them. */
    async queueRefresh(tx: Database, subjectId: string) {
      const messages = (await tx
        .select()
        .from(spec.table as PgTable)
        .where(eq(spec.subject, subjectId))) as { approverId: string; channel: string; ts: string }[];
      if (messages.length === 0) return;
      await tx
        .insert(outbox)
        .values(
          messages.map((m) => ({
            channel: 'slack' as const,
            target: m.channel,
            payload: { kind: spec.refreshKind, [spec.key]: subjectId, approverId: m.approverId, ts: m.ts },
            ...slackRefreshTiming(m.channel, m.ts),
          })),
        )
        // A refresh of this message already waiting will render the latest state: one is enough.
        .onConflictDoNothing();
    },

    async recordMessage(
      tx: Database,
      message: { [P in K]: string } & { approverId: string; channel: string; ts: string },
    ) {
      const row = { [spec.key]: message[spec.key], approverId: message.approverId, channel: message.channel };
      await tx
        .insert(spec.table)
        .values({ ...row, ts: message.ts } as never)
        .onConflictDoUpdate({
          target: [spec.subject, spec.table.approverId],
          set: { channel: message.channel, ts: message.ts, createdAt: new Date() } as never,
        });
    },

    /** The approver answered (in Slack or the console): their inbox entry no longer asks for anything. */
    async markAsked(tx: Database, approverId: string, subjectId: string) {
      await tx
        .update(notifications)
        .set({ readAt: new Date() })
        .where(
          and(
            eq(notifications.recipientId, approverId),
            eq(notifications.template, spec.template),
            eq(notifications.link, spec.link(subjectId)),
            isNull(notifications.readAt),
          ),
        );
    },
  };
}

/**
 * One approver's ballot message, in words already translated by the capability's adapter: the
 * title, an intro and the Approve / Reject… / Open buttons while it waits for them; otherwise the
 * status line; the subject's fields (label, value: escaped here) and its own sections (mrkdwn,
 * escaped by the adapter) in between; the live tally last.
 */
export interface ApprovalBallotSpec {
  title: string;
  url: string;
  waiting: boolean;
  intro: string;
  before?: string[];
  fields: [label: string, value: string][];
  after?: string[];
  buttons: {
    blockId: string;
    value: string;
    approve: { actionId: string; label: string };
    reject: { actionId: string; label: string };
    open: string;
  };
  tally: string;
  /** Shown instead of the buttons once the approver decided or the subject moved on. */
  status: () => string;
}

export function approvalBallotBlocks(spec: ApprovalBallotSpec): { text: string; blocks: Block[] } {
  const blocks: Block[] = [{ type: 'header', text: { type: 'plain_text', text: clip(spec.title, 150) } }];
  if (spec.waiting) blocks.push(section(spec.intro));
  for (const text of spec.before ?? []) blocks.push(section(clip(text, 3000)));
  blocks.push({
    type: 'section',
    fields: spec.fields.map(([label, value]) => ({
      type: 'mrkdwn',
      text: clip(`*${escapeSlackText(label)}*\n${escapeSlackText(value)}`, 2000),
    })),
  });
  for (const text of spec.after ?? []) blocks.push(section(clip(text, 3000)));
  const { buttons } = spec;
  let status: string | null = null;
  if (spec.waiting) {
    blocks.push({
      type: 'actions',
      block_id: buttons.blockId,
      elements: [
        button(buttons.approve.actionId, buttons.approve.label, buttons.value, 'primary'),
        button(buttons.reject.actionId, buttons.reject.label, buttons.value, 'danger'),
        {
          type: 'button',
          action_id: OPEN_IN_OUTPOST_ACTION_ID,
          text: { type: 'plain_text', text: buttons.open },
          url: spec.url,
        },
      ],
    });
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: spec.tally }] });
  } else {
    status = spec.status();
    blocks.push(section(status));
    const link = `<${spec.url}|${escapeSlackText(buttons.open)}>`;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${spec.tally}  ·  ${link}` }] });
  }
  const heading = escapeSlackText(spec.title);
  return { text: status ? `${heading}\n${status}` : heading, blocks };
}

function button(actionId: string, label: string, value: string, style: 'primary' | 'danger') {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text: label }, value, style };
}

const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text } });
const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

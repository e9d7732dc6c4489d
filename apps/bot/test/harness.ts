import { type DeliveryReport, deliverDueOutbox, notify } from '@outpost/core';
import type { DatabaseConnection, Notification } from '@outpost/db';
import { createTestDatabase } from '@outpost/db/testing';
import {
  committeeOutboxKinds,
  createSlackEventsHandler,
  createSlackGateway,
  type SlackWebGateway,
} from '../src/index.ts';
import { type FakeSlackApi, slackRequest, startFakeSlackApi } from '../src/testing/index.ts';
import { BOT_TOKEN, PUBLIC_URL, SIGNING_SECRET } from './fixtures.ts';

export interface Harness {
  conn: DatabaseConnection;
  fake: FakeSlackApi;
  slack: SlackWebGateway;
  handle: (request: Request) => Promise<Response>;
  /** POSTs a correctly signed body to /slack/events (extra headers e.g. for a Slack retry). */
  post(input: { body: string; contentType: string; headers?: Record<string, string> }): Promise<Response>;
  /** One delivery pass over the Slack outbox, with the kinds the worker registers (committee ballots…). */
  deliverOutbox(aheadMs?: number): Promise<DeliveryReport>;
  /** Notifies a (linked) user and delivers the DM through the outbox, as in production. */
  deliverNotification(
    userId: string,
    params?: Record<string, string>,
  ): Promise<{ notificationId: string; channel: string; ts: string }>;
  notification(id: string): Promise<Notification | undefined>;
  close(): Promise<void>;
}

/** `inProcessRefresh: false` — as if the process stopped right after each ack: only the outbox redraws messages. */
export async function startHarness(options: { inProcessRefresh?: boolean } = {}): Promise<Harness> {
  const conn = await createTestDatabase();
  const fake = await startFakeSlackApi({ token: BOT_TOKEN });
  const slack = createSlackGateway({ token: BOT_TOKEN, apiUrl: fake.apiUrl });
  const handle = createSlackEventsHandler({
    db: conn.db,
    signingSecret: SIGNING_SECRET,
    slack,
    publicUrl: PUBLIC_URL,
    ...(options.inProcessRefresh === false ? { inProcessRefresh: false } : {}),
  });
  return {
    conn,
    fake,
    slack,
    handle,
    post: (input) => handle(slackRequest({ secret: SIGNING_SECRET, ...input })),
    deliverOutbox: (aheadMs = 2000) =>
      deliverDueOutbox(conn.db, slack, {
        publicUrl: PUBLIC_URL,
        kinds: committeeOutboxKinds,
        batchSize: 100,
        // The database clock stamped the rows; a moment after the refresh spacing they are surely due.
        now: new Date(Date.now() + aheadMs),
      }),
    async deliverNotification(
      userId,
      params = { name: 'Acme Claims Ltd', creditCode: '91310000MA1FL8XQ3N' },
    ) {
      const [notificationId] = await conn.db.transaction((tx) =>
        notify(tx, { userIds: [userId], template: 'notify.partner_created', params, link: '/s/partners/42' }),
      );
      await deliverDueOutbox(conn.db, slack, { publicUrl: PUBLIC_URL, now: new Date(Date.now() + 1000) });
      const post = fake
        .succeeded('chat.postMessage')
        .find((c) => JSON.stringify(c.args.blocks ?? []).includes(notificationId!));
      if (!post) throw new Error('the notification was not delivered to the fake Slack');
      const message = [...fake.messages.values()].find((m) =>
        JSON.stringify(m.blocks).includes(notificationId!),
      )!;
      return { notificationId: notificationId!, channel: message.channel, ts: message.ts };
    },
    notification: (id) => conn.db.query.notifications.findFirst({ where: (n, { eq }) => eq(n.id, id) }),
    async close() {
      await fake.close();
      await conn.close();
    },
  };
}

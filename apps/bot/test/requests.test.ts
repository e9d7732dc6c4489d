import { auditLog } from '@outpost/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MARK_READ_ACTION_ID } from '@outpost/core';
import { buttonClickPayload, interactionBody, slackRequest } from '../src/testing/index.ts';
import { createStaff, linkStaff, SIGNING_SECRET, uniqueSlackId } from './fixtures.ts';
import { type Harness, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const now = () => Math.floor(Date.now() / 1000);

describe('POST /slack/events: what is accepted before any listener runs', () => {
  it('answers the url_verification challenge', async () => {
    const body = JSON.stringify({ type: 'url_verification', token: 'x', challenge: 'c-123' });
    const response = await h.post({ body, contentType: 'application/json' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ challenge: 'c-123' });
  });

  it('answers ssl_check without a signature', async () => {
    const response = await h.handle(
      new Request('http://outpost.test/slack/events', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'ssl_check=1&token=x',
      }),
    );
    expect(response.status).toBe(200);
  });

  it('refuses a url_verification with a bad signature', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c-123' });
    const response = await h.handle(
      slackRequest({ secret: 'not-the-secret', body, contentType: 'application/json' }),
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_signature' } });
  });

  it('refuses requests signed 6 minutes ago and 6 minutes in the future', async () => {
    const body = JSON.stringify({ type: 'url_verification', challenge: 'c' });
    for (const timestamp of [now() - 360, now() + 360]) {
      const response = await h.handle(
        slackRequest({ secret: SIGNING_SECRET, body, contentType: 'application/json', timestamp }),
      );
      expect(response.status, `timestamp ${timestamp - now()} s from now`).toBe(401);
    }
    // …and accepts a little skew either way.
    for (const timestamp of [now() - 200, now() + 200]) {
      const response = await h.handle(
        slackRequest({ secret: SIGNING_SECRET, body, contentType: 'application/json', timestamp }),
      );
      expect(response.status).toBe(200);
    }
  });

  it('refuses unsigned requests, a tampered body and other methods', async () => {
    const unsigned = await h.handle(
      new Request('http://outpost.test/slack/events', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(unsigned.status).toBe(401);
    const signed = slackRequest({
      secret: SIGNING_SECRET,
      body: '{"type":"url_verification","challenge":"a"}',
      contentType: 'application/json',
    });
    const tampered = new Request(signed.url, {
      method: 'POST',
      headers: signed.headers,
      body: '{"type":"url_verification","challenge":"b"}',
    });
    expect((await h.handle(tampered)).status).toBe(401);
    expect((await h.handle(new Request('http://outpost.test/slack/events'))).status).toBe(405);
  });

  it('changes nothing when a button click carries a bad signature', async () => {
    const user = await createStaff(h.conn.db, { name: 'Wang Fang' });
    const slackUserId = uniqueSlackId();
    await linkStaff(h.conn.db, user.id, slackUserId);
    const delivered = await h.deliverNotification(user.id);
    const auditBefore = await h.conn.db.$count(auditLog);
    const callsBefore = h.fake.calls.length;

    const { body, contentType } = interactionBody(
      buttonClickPayload({
        user: { id: slackUserId },
        actionId: MARK_READ_ACTION_ID,
        value: delivered.notificationId,
        message: delivered,
        responseUrl: h.fake.responseUrl(),
      }),
    );
    const response = await h.handle(
      slackRequest({ secret: SIGNING_SECRET, body, contentType, signature: `v0=${'0'.repeat(64)}` }),
    );
    expect(response.status).toBe(401);

    await new Promise((r) => setTimeout(r, 100)); // nothing runs in the background either
    expect((await h.notification(delivered.notificationId))!.readAt).toBeNull();
    expect(await h.conn.db.$count(auditLog)).toBe(auditBefore);
    expect(h.fake.calls.length).toBe(callsBefore);
  });

  it('answers malformed bodies with 400', async () => {
    const response = await h.post({
      body: 'payload=%7Bnot-json',
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(response.status).toBe(400);
  });
});

import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../src/index.ts';

/** A real SMTP server on loopback that keeps what it receives. */
const received: { from: string; to: string[]; raw: string }[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, done) {
    let raw = '';
    stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    stream.on('end', () => {
      received.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
        raw,
      });
      done();
    });
  },
});
let port: number;
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('SMTP mailer', () => {
  it('delivers a message with a UTF-8 subject', async () => {
    const mailer = createSmtpMailer({
      smtpUrl: `smtp://127.0.0.1:${port}`,
      from: 'Outpost <no-reply@outpost.test>',
    });
    await mailer.send({
      to: 'boss@partner.test',
      subject: '合作伙伴门户邀请',
      text: 'Open https://outpost.test/invitations/x',
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ from: 'no-reply@outpost.test', to: ['boss@partner.test'] });
    expect(received[0]!.raw).toContain('https://outpost.test/invitations/x');
    expect(received[0]!.raw).toMatch(/Subject: =\?UTF-8\?/);
  });
});

import { auditLog, contracts, type DatabaseConnection, notifications, outbox } from '@outpost/db';
import { addDays } from '@outpost/i18n';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  currentTermEnd,
  decideContractApproval,
  draftContract,
  listTemplates,
  runContractExpiry,
  setContractApprovers,
  submitContract,
} from '../src/index.ts';
import { makePartner, makeStaff } from '../src/testing/fixtures.ts';
import { clauseValues, contractDatabase } from './contracts-support.ts';

let conn: DatabaseConnection;
let officer: Awaited<ReturnType<typeof makeStaff>>;
let approver: Awaited<ReturnType<typeof makeStaff>>;
let templateId: string;
const values = clauseValues('上海市');

beforeAll(async () => {
  conn = await contractDatabase();
  officer = await makeStaff(conn.db, ['risk_officer']);
  approver = await makeStaff(conn.db, ['admin']);
  await setContractApprovers(conn.db, approver.actor, {
    serviceCategory: 'claims',
    userIds: [approver.user.id],
  });
  templateId = (await listTemplates(conn.db, officer.actor, { serviceCategory: 'claims' }))[0]!.id;
});
afterAll(() => conn.close());

/** An approved contract put in force directly (the signature is tested elsewhere). */
async function activeContract(terms: {
  startDate: string;
  endDate: string;
  noticeDays: number;
  autoRenew: boolean;
}) {
  const partner = await makePartner(conn.db);
  const contract = await draftContract(conn.db, officer.actor, {
    partnerId: partner.id,
    templateId,
    terms: { ...terms, annualValueCents: 10_000_000, governingLaw: '中国法律' },
    values,
  });
  await submitContract(conn.db, officer.actor, contract.id);
  await decideContractApproval(conn.db, approver.actor, { contractId: contract.id, decision: 'approve' });
  await conn.db.update(contracts).set({ status: 'active' }).where(eq(contracts.id, contract.id));
  return contract;
}

const remindersOf = (contractId: string) =>
  conn.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.recipientId, officer.user.id),
        eq(notifications.link, `/s/contracts/${contractId}`),
      ),
    )
    .orderBy(notifications.createdAt);
const statusOf = async (id: string) =>
  (await conn.db.select().from(contracts).where(eq(contracts.id, id)))[0]!.status;

describe('contract expiry', () => {
  it('reminds the owner at 90, 60 and 30 days before the end and the notice deadline, each once, and expires it', async () => {
    const today = '2027-03-01';
    // Ends 130 days from today with 30 days' notice: the notice deadline is 100 days away.
    const contract = await activeContract({
      startDate: '2026-01-01',
      endDate: addDays(today, 130),
      noticeDays: 30,
      autoRenew: false,
    });
    await runContractExpiry(conn.db, today);
    expect(await remindersOf(contract.id)).toEqual([]);
    expect(await statusOf(contract.id)).toBe('active');

    await runContractExpiry(conn.db, addDays(today, 10));
    expect((await remindersOf(contract.id)).map((n) => [n.template, n.params])).toEqual([
      [
        'notify.contract_notice_deadline',
        { reference: contract.reference, date: addDays(today, 100), days: 90 },
      ],
    ]);
    expect(await statusOf(contract.id)).toBe('active');
    await runContractExpiry(conn.db, addDays(today, 40));
    expect((await remindersOf(contract.id)).slice(1).map((n) => [n.template, n.params])).toEqual([
      ['notify.contract_expiring', { reference: contract.reference, date: addDays(today, 130), days: 90 }],
      [
        'notify.contract_notice_deadline',
        { reference: contract.reference, date: addDays(today, 100), days: 60 },
      ],
    ]);
    expect(await statusOf(contract.id)).toBe('expiring');
    // The same day again, or a second worker: nothing more.
    await runContractExpiry(conn.db, addDays(today, 40));
    expect(await remindersOf(contract.id)).toHaveLength(3);
    // A job that missed days sends one reminder for the nearest threshold, not one per threshold;
    // a notice deadline already passed sends nothing.
    await runContractExpiry(conn.db, addDays(today, 105));
    const sent = await remindersOf(contract.id);
    expect(sent.slice(3).map((n) => [n.template, (n.params as { days: number }).days])).toEqual([
      ['notify.contract_expiring', 25],
    ]);
    // Reminders are e-mailed too (the owner has not turned contracts e-mail off).
    const mails = await conn.db.select().from(outbox).where(eq(outbox.channel, 'email'));
    expect(mails.length).toBeGreaterThanOrEqual(4);

    await runContractExpiry(conn.db, addDays(today, 131));
    expect(await statusOf(contract.id)).toBe('expired');
    const audits = await conn.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.entityId, contract.id))
      .orderBy(auditLog.id);
    expect(audits.map((a) => a.action).slice(-2)).toEqual(['contract.expiring', 'contract.expired']);
  });

  it('a contract that renews automatically stays in force, its term rolled on; reminders follow the current term', async () => {
    expect(
      currentTermEnd(
        { startDate: '2026-01-01', endDate: '2026-12-31', autoRenew: true } as never,
        '2027-06-30',
      ),
    ).toBe('2027-12-31');
    const contract = await activeContract({
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      noticeDays: 60,
      autoRenew: true,
    });
    await runContractExpiry(conn.db, addDays('2027-12-31', -85));
    expect(await statusOf(contract.id)).toBe('active');
    const sent = await remindersOf(contract.id);
    expect(sent.map((n) => [n.template, (n.params as { date: string }).date])).toEqual([
      ['notify.contract_expiring', '2027-12-31'],
      ['notify.contract_notice_deadline', '2027-11-01'],
    ]);
  });
});

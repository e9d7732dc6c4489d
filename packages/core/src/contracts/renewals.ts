import { contracts, contractVersions, type Database } from '@outpost/db';
import { addDays, todayInChina } from '@outpost/i18n';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { parse } from '../validation.ts';
import { currentTermEnd } from './expiry.ts';
import { inForceStatuses, isInForce } from './in-force.ts';
import { latestVersionNumber, lockedWork } from './working-version.ts';

type Version = typeof contractVersions.$inferSelect;

/**
 * A renewal (decision record 047) is an amendment that gives the contract a new term: a version of
 * kind `amendment` marked `renewal`, so it goes through exactly the amendment's draft, legal
 * review (when required), approval (console and Slack) and signing. On signature the contract is
 * `renewed` — in force with the new term — and the daily job makes it `expiring` again near the
 * new end, with its own 90/60/30-day reminders (they are keyed by the term's end).
 */
export const renewalInput = z.strictObject({
  endDate: z.iso.date('Enter the new end date as YYYY-MM-DD.'),
  /** The new term's annual value; the current one when left out. */
  annualValueCents: z
    .number()
    .int('Use whole cents.')
    .min(0, 'The annual value cannot be negative.')
    .max(Number.MAX_SAFE_INTEGER)
    .optional(),
  reason: z.string().trim().max(2000, 'Keep the reason under 2,000 characters.').optional(),
});

/** The term a renewal starts from: the day after the term in force ends (a rolling one's current end). */
export function renewalTermStart(inForce: Version['terms'], today = todayInChina()) {
  return addDays(currentTermEnd(inForce, today), 1);
}

/** Refuses a renewal whose new term does not end after the term it renews (start, submission). */
export function checkRenewalTerm(version: Pick<Version, 'renewal' | 'terms'>) {
  if (!version.renewal) return;
  const start = version.terms.termStartDate;
  if (start && version.terms.endDate < start) {
    throw new AppError(
      'validation_failed',
      `The new term must end after the current one (on or after ${start}).`,
      {
        messageKey: 'errors.contracts.renewal_end',
        details: { field: 'endDate', termStart: start },
      },
    );
  }
}

/**
 * Staff start a renewal of a contract in force — one that does not renew automatically, or an
 * early renewal of one that does: a draft version copying the version in force, with the new term
 * (from the day after the current term's end to the new end date) and, if given, the new annual
 * value. Its SLA targets and clauses are edited in the draft like any amendment's. One open
 * amendment or renewal at a time (the unique index as well).
 */
export async function startRenewal(
  db: Database,
  actor: Actor,
  contractId: string,
  raw: z.input<typeof renewalInput>,
  today = todayInChina(),
) {
  assertCan(actor, 'manage:contract');
  const input = parse(renewalInput, raw);
  return db.transaction(async (tx) => {
    const { contract, version } = await lockedWork(tx, contractId);
    if (version.status !== 'signed') {
      throw new AppError(
        'conflict',
        version.kind === 'amendment'
          ? `${version.renewal ? 'A renewal' : 'An amendment'} (version ${version.version}) is already under way; finish or withdraw it first.`
          : 'Only a signed contract in force is renewed.',
        {
          messageKey:
            version.kind === 'amendment'
              ? 'errors.contracts.amendment_open'
              : 'errors.contracts.not_in_force',
          details: { status: version.status, version: version.version },
        },
      );
    }
    if (!isInForce(contract.status)) {
      throw new AppError(
        'conflict',
        `A contract that is ${contract.status} is not renewed; draft a new one.`,
        {
          messageKey: 'errors.contracts.not_in_force',
          details: { status: contract.status, inForce: inForceStatuses },
        },
      );
    }
    const termStartDate = renewalTermStart(version.terms, today);
    const terms = {
      ...version.terms,
      endDate: input.endDate,
      termStartDate,
      ...(input.annualValueCents !== undefined ? { annualValueCents: input.annualValueCents } : {}),
    };
    checkRenewalTerm({ renewal: true, terms });
    const next = (await latestVersionNumber(tx, contract.id)) + 1;
    const reason = input.reason || `Renewal until ${input.endDate}`;
    await tx.insert(contractVersions).values({
      contractId: contract.id,
      version: next,
      kind: 'amendment',
      renewal: true,
      status: 'draft',
      reason,
      terms,
      values: version.values,
      slaTargets: version.slaTargets,
      clauses: version.clauses,
      createdBy: actor.type === 'staff' ? actor.userId : null,
    });
    await tx.update(contracts).set({ updatedAt: new Date() }).where(eq(contracts.id, contract.id));
    await audit(tx, actor, {
      action: 'contract.renewal_started',
      entityType: 'contract',
      entityId: contract.id,
      partnerId: contract.partnerId,
      data: {
        version: next,
        inForce: version.version,
        termStartDate,
        endDate: input.endDate,
        previousEndDate: version.terms.endDate,
        annualValueCents: terms.annualValueCents,
        reason,
      },
    });
    return { contractId: contract.id, version: next, termStartDate };
  });
}

import { type ContractClauseText, contracts, contractVersions, type Database } from '@outpost/db';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { assertCan } from '../permissions.ts';
import { parse } from '../validation.ts';
import { type DiffPart, textDiff } from './clause-diff.ts';
import { markApprovalAsked, queueContractRefresh } from './approval-messages.ts';
import { inForceStatuses } from './in-force.ts';
import { latestVersionNumber, lockedWork, moveVersion } from './working-version.ts';

type Contract = typeof contracts.$inferSelect;
type Version = typeof contractVersions.$inferSelect;

/** Contract statuses in which a version is in force and may be amended (renewed included, 047). */
export const amendableStatuses = inForceStatuses;

export const amendmentInput = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(3, 'Say why the contract is amended (at least 3 characters).')
    .max(2000, 'Keep the reason under 2,000 characters.'),
});

/**
 * Staff start an amendment of a contract in force: a new version of kind `amendment`, a copy of
 * the version in force with the reason, editable as a draft. The version in force stays in force
 * and locked until the amendment is signed. One amendment at a time (a unique index as well).
 */
export async function startAmendment(
  db: Database,
  actor: Actor,
  contractId: string,
  raw: z.input<typeof amendmentInput>,
) {
  assertCan(actor, 'manage:contract');
  const input = parse(amendmentInput, raw);
  return db.transaction(async (tx) => {
    const { contract, version } = await lockedWork(tx, contractId);
    if (version.status !== 'signed') {
      throw new AppError(
        'conflict',
        version.kind === 'amendment'
          ? `An amendment (version ${version.version}) is already under way; finish or withdraw it first.`
          : 'Only a signed contract in force is amended; change the draft instead.',
        {
          messageKey:
            version.kind === 'amendment'
              ? 'errors.contracts.amendment_open'
              : 'errors.contracts.not_in_force',
          details: { status: version.status, version: version.version },
        },
      );
    }
    if (!(amendableStatuses as readonly string[]).includes(contract.status)) {
      throw new AppError('conflict', `A contract that is ${contract.status} is no longer amended.`, {
        messageKey: 'errors.contracts.not_in_force',
        details: { status: contract.status },
      });
    }
    const next = (await latestVersionNumber(tx, contract.id)) + 1;
    const createdBy = actor.type === 'staff' ? actor.userId : null;
    await tx.insert(contractVersions).values({
      contractId: contract.id,
      version: next,
      kind: 'amendment',
      status: 'draft',
      reason: input.reason,
      terms: version.terms,
      values: version.values,
      slaTargets: version.slaTargets,
      clauses: version.clauses,
      createdBy,
    });
    await tx.update(contracts).set({ updatedAt: new Date() }).where(eq(contracts.id, contract.id));
    await audit(tx, actor, {
      action: 'contract.amendment_started',
      entityType: 'contract',
      entityId: contract.id,
      partnerId: contract.partnerId,
      data: { version: next, inForce: version.version, reason: input.reason },
    });
    return { contractId: contract.id, version: next };
  });
}

/** The states an amendment or renewal may be withdrawn from (decision record 047): not once approved. */
export const withdrawableStatuses = ['draft', 'legal_review', 'approval'] as const;

export const withdrawInput = z.strictObject({
  reason: z.string().trim().max(2000, 'Keep the reason under 2,000 characters.').optional(),
});

/**
 * Staff withdraw an amendment or renewal under way — in draft, in legal review or awaiting
 * approval (decision record 047); the version in force is untouched. Once it has left its draft,
 * people have looked at it: a reason is required (3–2,000 characters) and kept on the version.
 * Withdrawn in approval, the approvers' Slack messages are redrawn as withdrawn, their inbox
 * entries no longer ask anything, and a late vote is refused (nothing is in approval any more).
 * Once approved (awaiting signature) it is no longer withdrawn: the partner has it to sign.
 */
export async function withdrawAmendment(
  db: Database,
  actor: Actor,
  contractId: string,
  raw: z.input<typeof withdrawInput> = {},
) {
  assertCan(actor, 'manage:contract');
  const input = parse(withdrawInput, raw);
  return db.transaction(async (tx) => {
    const { contract, version, amendment } = await lockedWork(tx, contractId);
    if (!amendment || !(withdrawableStatuses as readonly string[]).includes(version.status)) {
      throw new AppError(
        'conflict',
        amendment && version.status === 'signing'
          ? 'An approved amendment awaits its signature and is no longer withdrawn.'
          : 'There is no amendment or renewal under way to withdraw.',
        {
          messageKey:
            amendment && version.status === 'signing'
              ? 'errors.contracts.amendment_approved'
              : 'errors.contracts.no_amendment_draft',
          details: { status: version.status },
        },
      );
    }
    const reason = input.reason ?? '';
    if (version.status !== 'draft' && reason.length < 3) {
      throw new AppError('validation_failed', 'Say why it is withdrawn (at least 3 characters).', {
        messageKey: 'errors.contracts.withdraw_reason',
        details: { field: 'reason' },
      });
    }
    const from = version.status;
    await moveVersion(tx, contract, version, 'withdrawn');
    if (reason) {
      await tx
        .update(contractVersions)
        .set({ withdrawnReason: reason })
        .where(eq(contractVersions.id, version.id));
    }
    if (from === 'approval') {
      for (const approverId of version.approverIds ?? [])
        await markApprovalAsked(tx, approverId, contract.id);
      await queueContractRefresh(tx, contract.id);
    }
    await audit(tx, actor, {
      action: version.renewal ? 'contract.renewal_withdrawn' : 'contract.amendment_withdrawn',
      entityType: 'contract',
      entityId: contract.id,
      partnerId: contract.partnerId,
      data: { version: version.version, from, reason: reason || null, renewal: version.renewal },
    });
    return { version: version.version, from, renewal: version.renewal };
  });
}

/**
 * The countersigned amendment becomes the contract's current version; the one it replaces is
 * superseded (kept, as every version is). The contract stays in force; an expiring contract
 * whose amendment moves its end date later is active again (the daily job judges it afresh).
 * A renewal (decision record 047) makes the contract `renewed`, in force with the new term; the
 * daily job makes it `expiring` near the new end.
 */
export async function putAmendmentInForce(tx: Database, contract: Contract, version: Version) {
  const [previous] = await tx
    .select()
    .from(contractVersions)
    .where(
      and(
        eq(contractVersions.contractId, contract.id),
        eq(contractVersions.version, contract.currentVersion),
      ),
    );
  if (previous) {
    await tx
      .update(contractVersions)
      .set({ status: 'superseded', updatedAt: new Date() })
      .where(eq(contractVersions.id, previous.id));
  }
  await tx
    .update(contractVersions)
    .set({ status: 'signed', updatedAt: new Date() })
    .where(eq(contractVersions.id, version.id));
  const extended =
    contract.status === 'expiring' && previous && version.terms.endDate > previous.terms.endDate;
  const status = version.renewal ? ('renewed' as const) : extended ? ('active' as const) : null;
  await tx
    .update(contracts)
    .set({
      currentVersion: version.version,
      ...(status ? { status } : {}),
      updatedAt: new Date(),
    })
    .where(eq(contracts.id, contract.id));
}

export interface AmendmentClauseChange {
  kind: ContractClauseText['kind'];
  title: { zh: string; en: string };
  change: 'added' | 'removed' | 'edited';
  zh: DiffPart[];
  en: DiffPart[];
}

const clauseKey = (c: ContractClauseText) => c.clauseId ?? `own:${c.kind}:${c.titleZh}`;

/**
 * What an amendment changes against the version in force: terms and values that differ, whether
 * the SLA targets changed, and each clause added, removed or edited with a word diff.
 */
export function amendmentChanges(inForce: Version, amendment: Version) {
  const terms = (Object.keys(amendment.terms) as (keyof Version['terms'])[]).filter(
    (k) => inForce.terms[k] !== amendment.terms[k],
  );
  const names = new Set([...Object.keys(inForce.values), ...Object.keys(amendment.values)]);
  const values = [...names].filter((n) => inForce.values[n] !== amendment.values[n]);
  const sla = JSON.stringify(inForce.slaTargets) !== JSON.stringify(amendment.slaTargets);
  const before = new Map(inForce.clauses.map((c) => [clauseKey(c), c]));
  const after = new Map(amendment.clauses.map((c) => [clauseKey(c), c]));
  const clauses: AmendmentClauseChange[] = [];
  for (const c of amendment.clauses) {
    const old = before.get(clauseKey(c));
    if (!old) {
      clauses.push({
        kind: c.kind,
        title: { zh: c.titleZh, en: c.titleEn },
        change: 'added',
        zh: textDiff('', c.bodyZh, 'zh'),
        en: textDiff('', c.bodyEn, 'en'),
      });
    } else if (old.bodyZh !== c.bodyZh || old.bodyEn !== c.bodyEn) {
      clauses.push({
        kind: c.kind,
        title: { zh: c.titleZh, en: c.titleEn },
        change: 'edited',
        zh: textDiff(old.bodyZh, c.bodyZh, 'zh'),
        en: textDiff(old.bodyEn, c.bodyEn, 'en'),
      });
    }
  }
  for (const c of inForce.clauses) {
    if (after.has(clauseKey(c))) continue;
    clauses.push({
      kind: c.kind,
      title: { zh: c.titleZh, en: c.titleEn },
      change: 'removed',
      zh: textDiff(c.bodyZh, '', 'zh'),
      en: textDiff(c.bodyEn, '', 'en'),
    });
  }
  return { terms, values, sla, clauses };
}

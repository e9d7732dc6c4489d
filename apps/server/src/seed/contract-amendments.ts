import {
  decideContractApproval,
  getContract,
  listContracts,
  reviewContract,
  startAmendment,
  submitContract,
  updateDraft,
} from '@outpost/core';
import type { Joined } from './admissions.ts';
import { type SeedContext, staffActor } from './context.ts';
import type { ActivePartner } from './partners.ts';

/**
 * An amendment under way (decision record 040): 华安's contract in force gets a higher annual value
 * and a stricter timeliness target, its reason on record; legal has reviewed it (华安 is a key
 * partner), the first approver approved, the second (the administrator) has it in the work queue.
 * The contract stays active on its signed version meanwhile.
 */
export async function seedContractAmendments(
  context: SeedContext,
  admitted: { partner: ActivePartner; joined: Joined }[],
) {
  const { db } = context;
  const risk = staffActor(context, 'risk@outpost.test');
  const legal = staffActor(context, 'legal@outpost.test');
  const committee = staffActor(context, 'committee1@outpost.test');
  const target = admitted.find((a) => a.partner.key === 'huaan') ?? admitted[0];
  if (!target) return;
  const { items } = await listContracts(db, risk, { partnerId: target.joined.partnerId, status: 'active' });
  const active = items[0];
  if (!active) return;
  await startAmendment(db, risk, active.id, {
    reason: '服务量增长，年度金额上调 20%，处理及时率目标提高至 97%。',
  });
  const { version } = await getContract(db, risk, active.id);
  await updateDraft(db, risk, active.id, {
    terms: { ...version.terms, annualValueCents: Math.round(version.terms.annualValueCents * 1.2) },
    slaTargets: version.slaTargets.map((s) =>
      s.kpiKey === 'processing_timeliness' ? { ...s, target: 97 } : s,
    ),
  });
  const submitted = await submitContract(db, risk, active.id);
  if (submitted.legalReviewRequired) {
    await reviewContract(db, legal, active.id, {
      decision: 'approve',
      comments: '金额调整有业务依据，条款未改动。',
    });
  }
  await decideContractApproval(db, committee, { contractId: active.id, decision: 'approve' });
}

import {
  approvalState,
  contractPdfFile,
  decideContractApproval,
  listContracts,
  previousQuarter,
  refreshDraftReviewSnapshots,
  reviewContract,
  startRenewal,
  submitContract,
  uploadSignedContract,
} from '@outpost/core';
import { addDays } from '@outpost/i18n';
import type { Joined } from './admissions.ts';
import { actorOf, type SeedContext, staffActor } from './context.ts';
import type { ActivePartner } from './partners.ts';

/**
 * Decision record 047, appended at the end of the demo (after the contract execution it reads):
 * - 明诚's contract, which renews automatically, renewed early for two more years at a higher
 *   value — reviewed, approved and countersigned: `renewed`, in force with the new term;
 * - 鼎信's expiring contract (it does not renew by itself) with a renewal under way, awaiting its
 *   approvers — the lists show "renewal under way"; it stays expiring until signed;
 * - the latest quarter's draft reviews, drafted before any contract existed, re-frozen so their
 *   snapshots carry the quarter's contract execution figure.
 */
export async function seedContractRenewals(
  context: SeedContext,
  admitted: { partner: ActivePartner; joined: Joined }[],
) {
  const { db, storage, today } = context;
  const risk = staffActor(context, 'risk@outpost.test');
  const legal = staffActor(context, 'legal@outpost.test');
  const inForceOf = async (key: string, status: 'active' | 'expiring') => {
    const target = admitted.find((a) => a.partner.key === key);
    if (!target) return null;
    const { items } = await listContracts(db, risk, { partnerId: target.joined.partnerId, status });
    return items[0] ? { contract: items[0], joined: target.joined } : null;
  };
  const approveAll = async (contractId: string) => {
    const { approvers } = await approvalState(db, risk, contractId);
    for (const a of approvers) {
      await decideContractApproval(db, await actorOf(db, a.id), { contractId, decision: 'approve' });
    }
  };
  const submit = async (contractId: string) => {
    const submitted = await submitContract(db, risk, contractId);
    if (submitted.legalReviewRequired) {
      await reviewContract(db, legal, contractId, {
        decision: 'approve',
        comments: '续签条款与原合同一致。',
      });
    }
  };

  const renewed = await inForceOf('mingcheng', 'active');
  if (renewed) {
    const { contract, joined } = renewed;
    const { version } = await startRenewal(
      db,
      risk,
      contract.id,
      {
        endDate: addDays(contract.endDate, 2 * 365),
        annualValueCents: 132_000_000,
        reason: '合作稳定，提前续签两年，年度金额上调 10%。',
      },
      today,
    );
    await submit(contract.id);
    await approveAll(contract.id);
    const pdf = await contractPdfFile(db, joined.admin, contract.id, 'zh-CN', version);
    await uploadSignedContract(db, joined.admin, storage, {
      contractId: contract.id,
      fileName: `${contract.reference}-续签-盖章版.pdf`,
      bytes: pdf.bytes,
    });
  }

  const expiring = await inForceOf('dingxin', 'expiring');
  if (expiring) {
    await startRenewal(
      db,
      risk,
      expiring.contract.id,
      { endDate: addDays(expiring.contract.endDate, 365), reason: '合同即将到期，续签一年。' },
      today,
    );
    await submit(expiring.contract.id);
    // The first approver has approved; the renewal waits for the others.
    const { approvers } = await approvalState(db, risk, expiring.contract.id);
    if (approvers.length > 1) {
      await decideContractApproval(db, await actorOf(db, approvers[0]!.id), {
        contractId: expiring.contract.id,
        decision: 'approve',
      });
    }
  }

  await refreshDraftReviewSnapshots(db, risk, previousQuarter(context.now));
}

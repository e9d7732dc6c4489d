import { approvalState, contractAmendment, getContract, isAppError, personById } from '@outpost/core';
import type { Database } from '@outpost/db';
import type { Locale } from '@outpost/i18n';
import { type ContractBallotState, contractBallotView } from '../views/contract-ballot.ts';

export type ContractMessage =
  | { text: string; blocks: Record<string, unknown>[]; locale: Locale }
  | { skip: string };

/**
 * An approver's message about a contract, read from the database as it is now with their own
 * permissions (never more than the console shows them), in their language. Rendering from the
 * current state makes late, repeated or out-of-order deliveries harmless.
 */
export async function contractMessage(
  db: Database,
  input: { approverId: string; contractId: string; publicUrl: string },
): Promise<ContractMessage> {
  const loaded = await loadContractBallot(db, input);
  if ('skip' in loaded) return loaded;
  return {
    ...contractBallotView(loaded.state, { locale: loaded.locale, publicUrl: input.publicUrl }),
    locale: loaded.locale,
  };
}

export async function loadContractBallot(
  db: Database,
  input: { approverId: string; contractId: string },
): Promise<{ state: ContractBallotState; locale: Locale } | { skip: string }> {
  const person = await personById(db, input.approverId, 'slack');
  if (person?.user.kind !== 'staff') return { skip: 'approver is disabled or not staff' };
  try {
    const [contract, approval] = await Promise.all([
      getContract(db, person.actor, input.contractId),
      approvalState(db, person.actor, input.contractId),
    ]);
    const mine = approval.approvers.find((a) => a.id === input.approverId);
    // An amendment of a contract in force: the approver is asked about the amendment's terms.
    const amendment = approval.amendment ? await contractAmendment(db, person.actor, contract.id) : null;
    return {
      locale: person.user.locale,
      state: {
        contractId: contract.id,
        reference: contract.reference,
        partnerName: contract.partnerName,
        serviceCategory: contract.serviceCategory,
        status: approval.status,
        terms: amendment?.version.terms ?? contract.version.terms,
        amendment: amendment
          ? {
              version: amendment.version.version,
              reason: amendment.reason,
              renewal: amendment.version.renewal,
              endDate: amendment.version.terms.endDate,
            }
          : null,
        withdrawnReason: approval.withdrawnReason,
        isApprover: mine !== undefined,
        myDecision: mine?.decision?.decision ?? null,
        tally: approval.tally,
      },
    };
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') return { skip: 'contract no longer exists' };
    throw error;
  }
}

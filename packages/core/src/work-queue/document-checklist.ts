import { addDays } from '@outpost/i18n';

/** Documents expiring within this many days are flagged (the reminder job starts at 30 too). */
export const EXPIRING_SOON_DAYS = 30;

export type DocumentState = 'missing' | 'submitted' | 'accepted' | 'rejected' | 'expired';

interface RequirementLike {
  id: string;
  mandatory: boolean;
}
interface DocumentLike {
  requirementId: string;
  status: 'submitted' | 'accepted' | 'rejected' | 'expired';
  expiryDate: string | null;
}

export interface DocumentCounts {
  /** Mandatory requirements with no document at all. */
  missing: number;
  /** Documents a reviewer returned. */
  rejected: number;
  /** Documents past their expiry date. */
  expired: number;
  /** Live (submitted or accepted) documents expiring within EXPIRING_SOON_DAYS. */
  expiring: number;
}

/** Whole days from `from` to `to` (YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A live document whose expiry date is within the warning window (or already passed, before the expiry job ran). */
export function isExpiringSoon(document: DocumentLike | undefined, today: string): boolean {
  if (!document?.expiryDate) return false;
  if (document.status === 'expired' || document.status === 'rejected') return false;
  return document.expiryDate.slice(0, 10) <= addDays(today, EXPIRING_SOON_DAYS);
}

/**
 * Each requirement that applies to the partner with its document and the one state it is
 * in, and the counts of what needs doing. A document is counted in exactly one of the
 * counts: a returned document is "returned", never also "missing" (it used to be both).
 */
export function documentChecklist<R extends RequirementLike, D extends DocumentLike>(
  requirements: readonly R[],
  documents: readonly D[],
  today: string,
) {
  const byRequirement = new Map(documents.map((d) => [d.requirementId, d]));
  const rows = requirements.map((requirement) => {
    const document = byRequirement.get(requirement.id);
    return {
      requirement,
      document,
      state: (document?.status ?? 'missing') as DocumentState,
      expiringSoon: isExpiringSoon(document, today),
      daysLeft: document?.expiryDate ? daysBetween(today, document.expiryDate.slice(0, 10)) : null,
    };
  });
  const counts: DocumentCounts = { missing: 0, rejected: 0, expired: 0, expiring: 0 };
  for (const row of rows) {
    if (row.state === 'missing') {
      if (row.requirement.mandatory) counts.missing++;
    } else if (row.state === 'rejected') counts.rejected++;
    else if (row.state === 'expired') counts.expired++;
    else if (row.expiringSoon) counts.expiring++;
  }
  return { rows, counts };
}

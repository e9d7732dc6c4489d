import { type Actor, contractAmendment, signedCopies } from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatDateTime, formatDay, formatNumber, type Locale, translate } from '@outpost/i18n';

type Amendment = NonNullable<Awaited<ReturnType<typeof contractAmendment>>>;

/** What an amendment changes against the version in force, worded for the reader. */
export function amendmentChangesView(locale: Locale, amendment: Amendment) {
  const joiner = locale === 'zh-CN' ? '、' : ', ';
  const { changes } = amendment;
  return {
    terms: changes.terms.map((k) => translate(locale, `contracts.term.${k}`)).join(joiner),
    values: changes.values.join(joiner),
    sla: changes.sla,
    clauses: changes.clauses.map((c) => ({
      kind: c.kind,
      title: locale === 'en' ? c.title.en : c.title.zh,
      change: c.change,
      zh: c.zh,
      en: c.en,
    })),
  };
}

/** The amendment under way, as the staff contract page and the partner page summarise it (or null). */
export async function amendmentSummary(db: Database, actor: Actor, locale: Locale, contractId: string) {
  const amendment = await contractAmendment(db, actor, contractId);
  if (!amendment) return null;
  const { terms, renewal } = amendment.version;
  return {
    version: amendment.version.version,
    renewal,
    newTerm:
      renewal && terms.termStartDate
        ? translate(locale, 'contracts.renewal.newTerm', {
            from: formatDay(locale, terms.termStartDate) ?? '',
            to: formatDay(locale, terms.endDate) ?? '',
          })
        : null,
    status: amendment.status,
    statusText: translate(locale, `contracts.versionStatus.${amendment.status}`),
    reason: amendment.reason,
    inForceVersion: amendment.inForceVersion,
    changes: amendmentChangesView(locale, amendment),
  };
}

/** Every countersigned copy: version, who uploaded it and when, size and SHA-256, and its download. */
export async function signedCopiesView(
  db: Database,
  actor: Actor,
  locale: Locale,
  contractId: string,
  base: string,
) {
  const rows = await signedCopies(db, actor, contractId);
  return rows.map((r) => ({
    version: r.version,
    kind: translate(locale, `contracts.signedCopies.kind.${r.renewal ? 'renewal' : r.kind}`),
    who: r.uploadedBy ?? translate(locale, 'contracts.signedCopies.unknown'),
    at: formatDateTime(locale, r.uploadedAt),
    sha256: r.sha256,
    size: formatNumber(locale, r.sizeBytes / 1024, 1),
    href: `${base}/signed?version=${r.version}`,
  }));
}

export type AmendmentSummary = NonNullable<Awaited<ReturnType<typeof amendmentSummary>>>;
export type SignedCopyView = Awaited<ReturnType<typeof signedCopiesView>>[number];

import {
  type ContractClauseText,
  contractApprovals,
  contractReviews,
  contractSignedFiles,
  contracts,
  contractVersions,
  type Database,
  openVersionStatuses,
  type SlaTarget,
  users,
} from '@outpost/db';
import { aliasedTable, and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { assertCan, can } from '../permissions.ts';
import { isUuid } from '../validation.ts';
import { type DiffPart, textDiff } from './clause-diff.ts';

const partnerVisible = ['signing', 'active', 'expiring', 'renewed', 'expired', 'terminated'] as const;

function scope(actor: Actor): SQL | undefined {
  if (can(actor, 'read:contract:any')) return undefined;
  assertCan(actor, 'read:contract:own');
  if (actor.type !== 'partner') return sql`false`;
  return and(eq(contracts.partnerId, actor.partnerId), inArray(contracts.status, [...partnerVisible]));
}

async function contractFor(db: Database, actor: Actor, contractId: string) {
  if (!isUuid(contractId)) throw notFound('Contract');
  const [row] = await db
    .select()
    .from(contracts)
    .where(and(eq(contracts.id, contractId), scope(actor)));
  if (!row) throw notFound('Contract');
  return row;
}

/**
 * Where a version stands: the current one has the contract's status; an earlier one was
 * "returned" (by legal or an approver) or "superseded" (signed, then replaced by an amendment).
 */
export type VersionState =
  | (typeof contracts.$inferSelect)['status']
  | 'returned'
  | 'superseded'
  | 'withdrawn';

/**
 * A contract's archive (decision record 039): every version with who submitted it and where it
 * stands, legal's review comments and the approvers' decisions (staff only), and every signed file
 * with its SHA-256. A partner sees only the versions it was asked to sign and no internal record.
 */
export async function contractHistory(db: Database, actor: Actor, contractId: string) {
  const contract = await contractFor(db, actor, contractId);
  const staff = can(actor, 'read:contract:any');
  const submitter = aliasedTable(users, 'submitter');
  const uploader = aliasedTable(users, 'uploader');
  const [versions, signed, reviews, approvals] = await Promise.all([
    db
      .select({
        version: contractVersions.version,
        kind: contractVersions.kind,
        renewal: contractVersions.renewal,
        status: contractVersions.status,
        createdAt: contractVersions.createdAt,
        submittedAt: contractVersions.submittedAt,
        submittedBy: submitter.displayName,
        legalReviewRequired: contractVersions.legalReviewRequired,
      })
      .from(contractVersions)
      .leftJoin(submitter, eq(submitter.id, contractVersions.submittedBy))
      .where(eq(contractVersions.contractId, contractId))
      .orderBy(asc(contractVersions.version)),
    db
      .select({
        version: contractSignedFiles.version,
        fileName: contractSignedFiles.fileName,
        sizeBytes: contractSignedFiles.sizeBytes,
        sha256: contractSignedFiles.sha256,
        uploadedBy: uploader.displayName,
        uploadedAt: contractSignedFiles.uploadedAt,
      })
      .from(contractSignedFiles)
      .leftJoin(uploader, eq(uploader.id, contractSignedFiles.uploadedBy))
      .where(eq(contractSignedFiles.contractId, contractId))
      .orderBy(asc(contractSignedFiles.version)),
    staff
      ? db
          .select({
            version: contractReviews.version,
            decision: contractReviews.decision,
            comments: contractReviews.comments,
            reviewer: users.displayName,
            at: contractReviews.createdAt,
          })
          .from(contractReviews)
          .innerJoin(users, eq(users.id, contractReviews.reviewerId))
          .where(eq(contractReviews.contractId, contractId))
          .orderBy(asc(contractReviews.createdAt), asc(contractReviews.id))
      : Promise.resolve([]),
    staff
      ? db
          .select({
            version: contractApprovals.version,
            decision: contractApprovals.decision,
            reason: contractApprovals.reason,
            via: contractApprovals.via,
            approver: users.displayName,
            at: contractApprovals.createdAt,
          })
          .from(contractApprovals)
          .innerJoin(users, eq(users.id, contractApprovals.approverId))
          .where(eq(contractApprovals.contractId, contractId))
          .orderBy(asc(contractApprovals.createdAt))
      : Promise.resolve([]),
  ]);
  const signedVersions = new Set(signed.map((s) => s.version));
  const returned = new Set([
    ...reviews.filter((r) => r.decision === 'returned').map((r) => r.version),
    ...approvals.filter((a) => a.decision === 'return').map((a) => a.version),
  ]);
  // An amendment or renewal under way shows where it stands, a withdrawn one as withdrawn (047).
  const statusOf = new Map(versions.map((v) => [v.version, v.status]));
  const stateOf = (version: number): VersionState => {
    if (version === contract.currentVersion) return contract.status;
    const status = statusOf.get(version);
    if (status === 'withdrawn') return 'withdrawn';
    if (status && (openVersionStatuses as readonly string[]).includes(status)) return status as VersionState;
    return returned.has(version) ? 'returned' : 'superseded';
  };
  const visible = (version: number) =>
    staff || version === contract.currentVersion || signedVersions.has(version);
  return {
    contractId: contract.id,
    reference: contract.reference,
    currentVersion: contract.currentVersion,
    versions: versions
      .filter((v) => visible(v.version))
      .map((v) => ({
        ...v,
        submittedBy: staff ? v.submittedBy : null,
        state: stateOf(v.version),
        signed: signedVersions.has(v.version),
      })),
    signedFiles: signed
      .filter((s) => visible(s.version))
      .map((s) => ({ ...s, uploadedBy: s.uploadedBy ?? null })),
    reviews,
    approvals,
  };
}

/** A change of one field (a term, a value, an SLA target), before and after. */
export interface FieldChange {
  field: string;
  before: string | number | boolean | null;
  after: string | number | boolean | null;
}

export interface ClauseChange {
  op: 'added' | 'removed' | 'changed';
  kind: ContractClauseText['kind'];
  titleZh: string;
  titleEn: string;
  /** Word diffs of the title and the text, both languages (absent for an unchanged part). */
  zh: DiffPart[];
  en: DiffPart[];
  titleChanged: boolean;
}

/** Clauses are matched by their library clause; a contract's own clause by its kind and English title. */
const clauseKey = (c: ContractClauseText) => c.clauseId ?? `own:${c.kind}:${c.titleEn}`;

export function diffClauses(before: ContractClauseText[], after: ContractClauseText[]): ClauseChange[] {
  const old = new Map(before.map((c) => [clauseKey(c), c]));
  const seen = new Set<string>();
  const changes: ClauseChange[] = [];
  for (const c of after) {
    const key = clauseKey(c);
    seen.add(key);
    const prev = old.get(key);
    if (!prev) {
      changes.push({
        op: 'added',
        kind: c.kind,
        titleZh: c.titleZh,
        titleEn: c.titleEn,
        zh: textDiff('', c.bodyZh, 'zh'),
        en: textDiff('', c.bodyEn, 'en'),
        titleChanged: false,
      });
      continue;
    }
    const titleChanged = prev.titleZh !== c.titleZh || prev.titleEn !== c.titleEn;
    if (!titleChanged && prev.bodyZh === c.bodyZh && prev.bodyEn === c.bodyEn) continue;
    changes.push({
      op: 'changed',
      kind: c.kind,
      titleZh: c.titleZh,
      titleEn: c.titleEn,
      zh: textDiff(prev.bodyZh, c.bodyZh, 'zh'),
      en: textDiff(prev.bodyEn, c.bodyEn, 'en'),
      titleChanged,
    });
  }
  for (const c of before) {
    if (seen.has(clauseKey(c))) continue;
    changes.push({
      op: 'removed',
      kind: c.kind,
      titleZh: c.titleZh,
      titleEn: c.titleEn,
      zh: textDiff(c.bodyZh, '', 'zh'),
      en: textDiff(c.bodyEn, '', 'en'),
      titleChanged: false,
    });
  }
  return changes;
}

function diffRecords(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  prefix = '',
): FieldChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const scalar = (v: unknown) =>
    v === undefined || v === null ? null : typeof v === 'object' ? JSON.stringify(v) : (v as string);
  return keys
    .filter((k) => scalar(before[k]) !== scalar(after[k]))
    .map((k) => ({ field: `${prefix}${k}`, before: scalar(before[k]), after: scalar(after[k]) }));
}

const slaKey = (s: SlaTarget) => `${s.kpiKey}:${s.period}`;
const slaText = (s: SlaTarget | undefined) =>
  s ? `${s.comparator === 'gte' ? '≥' : '≤'} ${s.target} / ${s.period}` : null;

function diffSla(before: SlaTarget[], after: SlaTarget[]): FieldChange[] {
  const old = new Map(before.map((s) => [slaKey(s), s]));
  const now = new Map(after.map((s) => [slaKey(s), s]));
  return [...new Set([...old.keys(), ...now.keys()])]
    .filter((k) => slaText(old.get(k)) !== slaText(now.get(k)))
    .map((k) => ({ field: k, before: slaText(old.get(k)), after: slaText(now.get(k)) }));
}

/**
 * One version against the one before it: clauses added, removed or changed (word diffs in both
 * languages), and changed terms, variable values and SLA targets. Version 1 is compared with
 * nothing (everything is added). A partner may read only the versions its history shows.
 */
export async function contractVersionDiff(db: Database, actor: Actor, contractId: string, version: number) {
  const history = await contractHistory(db, actor, contractId);
  const entry = history.versions.find((v) => v.version === version);
  if (!Number.isInteger(version) || !entry) throw notFound('Contract version');
  const visibleNumbers = history.versions.map((v) => v.version).filter((n) => n < version);
  const previousNumber = visibleNumbers.length > 0 ? Math.max(...visibleNumbers) : null;
  const rows = await db
    .select()
    .from(contractVersions)
    .where(
      and(
        eq(contractVersions.contractId, contractId),
        inArray(contractVersions.version, previousNumber ? [version, previousNumber] : [version]),
      ),
    );
  const current = rows.find((r) => r.version === version)!;
  const previous = previousNumber ? rows.find((r) => r.version === previousNumber)! : null;
  return {
    contractId,
    reference: history.reference,
    version: entry,
    previousVersion: previousNumber,
    clauses: diffClauses(previous?.clauses ?? [], current.clauses),
    terms: diffRecords(
      (previous?.terms ?? {}) as unknown as Record<string, unknown>,
      current.terms as unknown as Record<string, unknown>,
    ),
    values: diffRecords(previous?.values ?? {}, current.values),
    slaTargets: diffSla(previous?.slaTargets ?? [], current.slaTargets),
  };
}

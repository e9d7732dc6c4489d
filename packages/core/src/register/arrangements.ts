import {
  criticalities,
  type Database,
  partnerRegisters,
  partners,
  rowsOf,
  serviceCategories,
} from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { assertCan, can } from '../permissions.ts';
import { inForceStatuses } from '../contracts/in-force.ts';
import { pageNumber, pageSize } from '../fields.ts';
import { isUuid, parse } from '../validation.ts';
import { getSetting } from '../settings.ts';
import { missingEntityFields, missingFields, type RequiredField, requiredFields } from './completeness.ts';
import { type RegisterRecord, type RegisterRow, toRecord } from './record.ts';

// A contract is an arrangement of the register while it is in force (active, expiring or renewed).
const inForce = sql.raw(`(${inForceStatuses.map((s) => `'${s}'`).join(', ')})`);

/**
 * One row per arrangement with everything the register reads live: the partner, the contract's
 * version in force (the latest signed one; the current one before any is signed), the approvers
 * of that version, the partner's last finalised quarterly review and the contract's last execution
 * result. One statement, ordered by reference (unique), so every reader and export sees the same order.
 */
function registerRows(db: Database, where: SQL) {
  return db.execute(sql`
    select k.id as "contractId", k.partner_id as "partnerId", k.reference, k.status,
      k.service_category as "serviceCategory", p.legal_name as "legalName", p.credit_code as "creditCode",
      p.lei, p.registered_address as "registeredAddress", p.parent_company as "parentCompany",
      p.criticality, p.criticality_reason as "criticalityReason",
      p.criticality_assessed_at as "criticalityAssessedAt",
      v.terms, k.register, pr.fields as "partnerRegister",
      ap.approvers, ap.approved_at as "approvedAt",
      rv.quarter as "reviewQuarter", rv.grade as "reviewGrade", rv.finalised_at as "reviewFinalisedAt",
      ex.period as "executionPeriod", ex.deviation as "executionDeviation",
      ex.missed as "executionMissed", ex.measured as "executionMeasured"
    from contracts k
    join partners p on p.id = k.partner_id
    join lateral (
      select cv.terms, cv.version from contract_versions cv
      where cv.contract_id = k.id and (cv.status = 'signed' or cv.version = k.current_version)
      order by (cv.status = 'signed') desc, cv.version desc limit 1
    ) v on true
    left join partner_registers pr on pr.partner_id = k.partner_id
    left join lateral (
      select array_agg(u.display_name order by u.display_name, u.id) as approvers, max(a.created_at) as approved_at
      from contract_approvals a join users u on u.id = a.approver_id
      where a.contract_id = k.id and a.version = v.version and a.decision = 'approve'
    ) ap on true
    left join lateral (
      select q.quarter, q.grade, q.finalised_at from quarterly_reviews q
      where q.partner_id = k.partner_id and q.finalised_at is not null
      order by q.quarter desc limit 1
    ) rv on true
    left join lateral (
      select e.period, e.deviation, e.missed, e.measured from contract_execution_results e
      where e.contract_id = k.id order by e.period_to desc, e.period_kind desc limit 1
    ) ex on true
    where ${where}
    order by k.reference`);
}

export interface RegisterEntry {
  record: RegisterRecord;
  missing: RequiredField[];
  complete: boolean;
}

const entryOf = (record: RegisterRecord): RegisterEntry => {
  const missing = missingFields(record);
  return { record, missing, complete: missing.length === 0 };
};

/** Staff and auditors (read:contract:any), or a staff key with register:read (decision record 059). */
function assertReadsRegister(actor: Actor) {
  if (!can(actor, 'read:register:any')) assertCan(actor, 'read:contract:any');
}

/**
 * Every arrangement in force on `asOf` (default today, Beijing): contracts active, expiring or renewed
 * whose start is on or before that day, with what each still lacks. Staff and auditors only.
 */
export async function registerEntries(db: Database, actor: Actor, asOf = todayInChina()) {
  assertReadsRegister(actor);
  const rows = rowsOf<RegisterRow>(
    await registerRows(db, sql`k.status in ${inForce} and v.terms->>'startDate' <= ${asOf}`),
  );
  return rows.map((r) => entryOf(toRecord(r, asOf)));
}

/** One arrangement's register record, whatever its contract's status (the per-arrangement view). */
export async function registerEntry(db: Database, actor: Actor, contractId: string, today = todayInChina()) {
  assertReadsRegister(actor);
  if (!isUuid(contractId)) throw notFound('Arrangement');
  const [row] = rowsOf<RegisterRow>(await registerRows(db, sql`k.id = ${contractId}::uuid`));
  if (!row) throw notFound('Arrangement');
  return entryOf(toRecord(row, today));
}

/** The completeness report's filters; each optional, all combined. */
export const registerFilterInput = z.strictObject({
  criticality: z.enum(criticalities, { message: 'Choose critical, important or standard.' }).optional(),
  serviceCategory: z.enum(serviceCategories, { message: 'Choose a service category.' }).optional(),
  completeness: z.enum(['complete', 'incomplete'], { message: 'Choose complete or incomplete.' }).optional(),
  missing: z
    .enum(requiredFields as [RequiredField, ...RequiredField[]], { message: 'Choose a register field.' })
    .optional(),
  q: z.string().trim().max(200).optional(),
});
export type RegisterFilter = z.input<typeof registerFilterInput>;

/**
 * The completeness report: the arrangements matching the filters, with counts of all, complete
 * and incomplete among them, and how many lack each field.
 */
export async function registerReport(db: Database, actor: Actor, rawFilter: RegisterFilter = {}) {
  const filter = parse(registerFilterInput, rawFilter);
  const all = await registerEntries(db, actor);
  const q = filter.q?.toLowerCase();
  const entries = all.filter(
    (e) =>
      (!filter.criticality || e.record.criticality === filter.criticality) &&
      (!filter.serviceCategory || e.record.serviceCategory === filter.serviceCategory) &&
      (!filter.completeness || e.complete === (filter.completeness === 'complete')) &&
      (!filter.missing || e.missing.includes(filter.missing)) &&
      (!q ||
        e.record.reference.toLowerCase().includes(q) ||
        e.record.providerName.toLowerCase().includes(q) ||
        e.record.creditCode.toLowerCase().includes(q)),
  );
  const missingCounts: Partial<Record<RequiredField, number>> = {};
  for (const e of entries) for (const f of e.missing) missingCounts[f] = (missingCounts[f] ?? 0) + 1;
  // The register as a whole needs the insurer's own entity (decision record 060).
  const entityMissing = missingEntityFields(await getSetting(db, 'register.entity'));
  return {
    entries,
    entityMissing,
    total: all.length,
    shown: entries.length,
    complete: entries.filter((e) => e.complete).length,
    incomplete: entries.filter((e) => !e.complete).length,
    missingCounts,
  };
}

export const registerPageInput = z.strictObject({
  ...registerFilterInput.shape,
  page: pageNumber().default(1),
  pageSize: pageSize(200).default(50),
});

/**
 * One page of the completeness report (the REST API, decision record 059): the arrangements
 * matching the filters in reference order, with the report's counts over every match.
 */
export async function registerPage(db: Database, actor: Actor, raw: z.input<typeof registerPageInput> = {}) {
  const { page, pageSize: size, ...filter } = parse(registerPageInput, raw);
  const report = await registerReport(db, actor, filter);
  return {
    items: report.entries.slice((page - 1) * size, page * size),
    total: report.shown,
    page,
    pageSize: size,
    inForce: report.total,
    complete: report.complete,
    incomplete: report.incomplete,
    missingCounts: report.missingCounts,
  };
}

/**
 * Partners taking part (active, suspended or exiting) without a contract in force: the register
 * has no arrangement for them, so their substitutability and exit possibility are kept on the
 * partner (decision record 052) and listed beside the arrangements.
 */
export async function partnersWithoutArrangement(db: Database, actor: Actor) {
  assertCan(actor, 'read:contract:any');
  const noContractInForce = sql`not exists (select 1 from contracts k where k.partner_id = ${partners.id} and k.status in ${inForce})`;
  return db
    .select({
      partnerId: partners.id,
      legalName: partners.legalName,
      creditCode: partners.creditCode,
      criticality: partners.criticality,
      fields: partnerRegisters.fields,
    })
    .from(partners)
    .leftJoin(partnerRegisters, eq(partnerRegisters.partnerId, partners.id))
    .where(and(inArray(partners.status, ['active', 'suspended', 'exiting']), noContractInForce))
    .orderBy(asc(partners.legalName), asc(partners.id));
}

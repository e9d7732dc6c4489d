import {
  type ClauseVariable,
  type ContractClauseText,
  contractClauseVersions,
  contractReferenceCounters,
  contractReviews,
  contracts,
  contractTemplates,
  contractVersions,
  type Database,
  kpiDefinitions,
  partners,
} from '@outpost/db';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify } from '../notifications.ts';
import { assertCan } from '../permissions.ts';
import { getSetting } from '../settings.ts';
import { parse } from '../validation.ts';
import { enterApproval } from './approvals.ts';
import { mandatoryKinds, placeholdersOf } from './library.ts';
import { checkValue } from './variable-values.ts';
import {
  continueAsNextVersion,
  lockedWork,
  moveVersion,
  refuseUnlessDraftVersion,
} from './working-version.ts';
import { checkRenewalTerm } from './renewals.ts';

const isoDate = (message: string) => z.iso.date(message);

export const termsInput = z
  .strictObject({
    startDate: isoDate('Enter the start date as YYYY-MM-DD.'),
    endDate: isoDate('Enter the end date as YYYY-MM-DD.'),
    autoRenew: z.boolean().default(false),
    noticeDays: z.number().int('Use whole days.').min(0).max(3650),
    annualValueCents: z.number().int('Use whole cents.').min(0).max(Number.MAX_SAFE_INTEGER),
    currency: z
      .string()
      .trim()
      .regex(/^[A-Z]{3}$/, 'Use a three-letter currency code (e.g. CNY).')
      .default('CNY'),
    governingLaw: z.string().trim().min(1, 'Enter the governing law.').max(200),
    language: z.enum(['zh-CN', 'en'], { message: 'Choose Chinese or English.' }).default('zh-CN'),
  })
  .refine((t) => t.endDate > t.startDate, {
    path: ['endDate'],
    message: 'The end date must be after the start date.',
  });

export const slaTargetInput = z.strictObject({
  kpiKey: z.string().trim().min(1, 'Choose a KPI.').max(60),
  comparator: z.enum(['gte', 'lte'], { message: 'Choose at least or at most.' }),
  target: z.number().finite().min(-1e9).max(1e9),
  period: z.enum(['month', 'quarter'], { message: 'Choose month or quarter.' }).default('month'),
});

const valuesInput = z.record(z.string().max(60), z.union([z.string().max(2000), z.number().finite()]));

const clauseTextInput = z.strictObject({
  /** The library version it was copied from; null for a clause written for this contract only. */
  clauseVersionId: z.uuid('Unknown clause version.').nullable(),
  titleZh: z.string().trim().min(1, 'Enter a title.').max(200),
  titleEn: z.string().trim().min(1, 'Enter a title.').max(200),
  bodyZh: z.string().trim().min(1, 'Enter the clause text.').max(20_000),
  bodyEn: z.string().trim().min(1, 'Enter the clause text.').max(20_000),
  /** Required for a clause written for this contract only; a library clause keeps its kind. */
  kind: z.string().optional(),
});

export const draftInput = z.strictObject({
  partnerId: z.uuid('Choose a partner.'),
  templateId: z.uuid('Choose a template.'),
  terms: termsInput,
  values: valuesInput.default({}),
  slaTargets: z.array(slaTargetInput).max(50).default([]),
});

export const draftChangesInput = z.strictObject({
  terms: termsInput.optional(),
  values: valuesInput.optional(),
  slaTargets: z.array(slaTargetInput).max(50).optional(),
  clauses: z.array(clauseTextInput).min(1, 'A contract needs at least one clause.').max(200).optional(),
});

/** SLA targets must name KPIs that exist (and are in use); anything else is a clear 422. */
async function checkSlaTargets(db: Database, targets: z.output<typeof slaTargetInput>[]) {
  if (targets.length === 0) return;
  const keys = [...new Set(targets.map((t) => t.kpiKey))];
  const found = await db
    .select({ key: kpiDefinitions.key })
    .from(kpiDefinitions)
    .where(and(inArray(kpiDefinitions.key, keys), eq(kpiDefinitions.active, true)));
  const known = new Set(found.map((f) => f.key));
  const missing = keys.filter((k) => !known.has(k));
  if (missing.length > 0) {
    throw new AppError(
      'validation_failed',
      `No KPI named ${missing.join(', ')}; choose one of the KPI definitions.`,
      {
        messageKey: 'errors.contracts.unknown_kpi',
        details: { kpiKeys: missing },
      },
    );
  }
}

/** Values must have their variable's type (a number where a number is asked, a date as a date…). */
function checkValues(clauses: ContractClauseText[], values: Record<string, string | number>) {
  const declared = new Map<string, ClauseVariable>();
  for (const c of clauses) for (const v of c.variables) declared.set(v.name, v);
  const problems: { name: string; message: string }[] = [];
  for (const [name, value] of Object.entries(values)) {
    const variable = declared.get(name);
    if (!variable) {
      problems.push({ name, message: `No clause of this contract has a variable ${name}.` });
      continue;
    }
    const problem = checkValue(variable.type, value);
    if (problem) problems.push({ name, message: problem });
  }
  if (problems.length > 0) {
    throw new AppError('validation_failed', problems.map((p) => `${p.name}: ${p.message}`).join(' '), {
      messageKey: 'errors.contracts.bad_values',
      details: { values: problems },
    });
  }
}

async function nextReference(tx: Database, year: number) {
  const [row] = await tx
    .insert(contractReferenceCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({
      target: contractReferenceCounters.year,
      set: { last: sql`${contractReferenceCounters.last} + 1` },
    })
    .returning({ last: contractReferenceCounters.last });
  return `HT-${year}-${String(row!.last).padStart(4, '0')}`;
}

/** Staff draft a contract for a partner from a template: its clauses are copied as they stand today. */
export async function draftContract(db: Database, actor: Actor, raw: z.input<typeof draftInput>) {
  assertCan(actor, 'manage:contract');
  const input = parse(draftInput, raw);
  return db.transaction(async (tx) => {
    const [partner] = await tx.select().from(partners).where(eq(partners.id, input.partnerId));
    if (!partner) throw notFound('Partner');
    const [template] = await tx
      .select()
      .from(contractTemplates)
      .where(and(eq(contractTemplates.id, input.templateId), eq(contractTemplates.active, true)));
    if (!template) throw notFound('Template');
    if (!partner.serviceCategories.includes(template.serviceCategory)) {
      throw new AppError(
        'validation_failed',
        'This template is for a service category the partner does not provide; choose another template.',
        { messageKey: 'errors.contracts.template_category' },
      );
    }
    const library = await tx
      .select({
        clauseId: contractClauseVersions.clauseId,
        clauseVersionId: contractClauseVersions.id,
        kind: sql<ContractClauseText['kind']>`c.kind`,
        titleZh: contractClauseVersions.titleZh,
        titleEn: contractClauseVersions.titleEn,
        bodyZh: contractClauseVersions.bodyZh,
        bodyEn: contractClauseVersions.bodyEn,
        variables: contractClauseVersions.variables,
      })
      .from(contractClauseVersions)
      .innerJoin(
        sql`contract_clauses c`,
        sql`c.id = ${contractClauseVersions.clauseId} and c.current_version = ${contractClauseVersions.version}`,
      )
      .where(inArray(contractClauseVersions.clauseId, template.clauseIds));
    const byId = new Map(library.map((l) => [l.clauseId, l]));
    const clauses: ContractClauseText[] = template.clauseIds.flatMap((id) =>
      byId.has(id) ? [byId.get(id)!] : [],
    );
    checkValues(clauses, input.values);
    await checkSlaTargets(tx, input.slaTargets);
    const createdBy = actor.type === 'staff' ? actor.userId : null;
    const reference = await nextReference(tx, Number(input.terms.startDate.slice(0, 4)));
    const [contract] = await tx
      .insert(contracts)
      .values({
        reference,
        partnerId: partner.id,
        templateId: template.id,
        serviceCategory: template.serviceCategory,
        ownerId: createdBy,
        // The owning department defaults from the responsible person's (decision record 050).
        departmentId: createdBy ? sql`(select department_id from users where id = ${createdBy})` : null,
        createdBy,
      })
      .returning();
    await tx.insert(contractVersions).values({
      contractId: contract!.id,
      version: 1,
      terms: input.terms,
      values: input.values,
      slaTargets: input.slaTargets,
      clauses,
      createdBy,
    });
    await audit(tx, actor, {
      action: 'contract.drafted',
      entityType: 'contract',
      entityId: contract!.id,
      partnerId: partner.id,
      data: { reference, templateId: template.id, clauses: clauses.length },
    });
    return contract!;
  });
}

/** The contract locked, with the version work applies to: its open version (original or amendment). */
async function lockedDraft(tx: Database, contractId: string) {
  const { contract, version } = await lockedWork(tx, contractId);
  return { contract, version };
}

/**
 * Changes a draft: its terms, values, SLA targets, or the whole list of clauses (added, removed,
 * edited). A library clause keeps its kind and variables; edits are shown to legal as a diff.
 */
export async function updateDraft(
  db: Database,
  actor: Actor,
  contractId: string,
  raw: z.input<typeof draftChangesInput>,
) {
  assertCan(actor, 'manage:contract');
  const input = parse(draftChangesInput, raw);
  return db.transaction(async (tx) => {
    const { contract, version } = await lockedDraft(tx, contractId);
    refuseUnlessDraftVersion(version);
    let clauses = version.clauses;
    if (input.clauses) {
      const versionIds = input.clauses.flatMap((c) => (c.clauseVersionId ? [c.clauseVersionId] : []));
      const library =
        versionIds.length === 0
          ? []
          : await tx
              .select({
                id: contractClauseVersions.id,
                clauseId: contractClauseVersions.clauseId,
                variables: contractClauseVersions.variables,
                kind: sql<ContractClauseText['kind']>`c.kind`,
              })
              .from(contractClauseVersions)
              .innerJoin(sql`contract_clauses c`, sql`c.id = ${contractClauseVersions.clauseId}`)
              .where(inArray(contractClauseVersions.id, versionIds));
      const byId = new Map(library.map((l) => [l.id, l]));
      clauses = input.clauses.map((c, i) => {
        if (c.clauseVersionId) {
          const source = byId.get(c.clauseVersionId);
          if (!source) {
            throw new AppError('validation_failed', `Clause ${i + 1}: unknown clause version.`, {
              messageKey: 'errors.contracts.unknown_clause',
            });
          }
          return { ...c, clauseId: source.clauseId, kind: source.kind, variables: source.variables };
        }
        const kind = c.kind as ContractClauseText['kind'];
        if (!kind) {
          throw new AppError('validation_failed', `Clause ${i + 1}: choose what kind of clause it is.`, {
            messageKey: 'errors.contracts.clause_kind_required',
          });
        }
        return { ...c, clauseId: null, clauseVersionId: null, kind, variables: [] };
      });
      for (const [i, c] of clauses.entries()) {
        const declared = new Set(c.variables.map((v) => v.name));
        for (const name of [...placeholdersOf(c.bodyZh), ...placeholdersOf(c.bodyEn)]) {
          if (!declared.has(name)) {
            throw new AppError(
              'validation_failed',
              `Clause ${i + 1}: {{${name}}} is not a variable of this clause.`,
              {
                messageKey: 'errors.contracts.unknown_variable',
                details: { clause: i + 1, variable: name },
              },
            );
          }
        }
      }
    }
    // Values kept from before lose the variables of clauses just removed; sent values must all fit.
    const declared = new Set(clauses.flatMap((c) => c.variables.map((v) => v.name)));
    const values =
      input.values ??
      Object.fromEntries(Object.entries(version.values).filter(([name]) => declared.has(name)));
    checkValues(clauses, values);
    if (input.slaTargets) await checkSlaTargets(tx, input.slaTargets);
    await tx
      .update(contractVersions)
      .set({
        // A renewal's term start (decision record 047) is not a field of the form: it stays.
        terms: input.terms
          ? {
              ...input.terms,
              ...(version.terms.termStartDate ? { termStartDate: version.terms.termStartDate } : {}),
            }
          : version.terms,
        values,
        slaTargets: input.slaTargets ?? version.slaTargets,
        clauses,
        updatedAt: new Date(),
      })
      .where(eq(contractVersions.id, version.id));
    await tx.update(contracts).set({ updatedAt: new Date() }).where(eq(contracts.id, contract.id));
    await audit(tx, actor, {
      action: 'contract.draft_updated',
      entityType: 'contract',
      entityId: contract.id,
      partnerId: contract.partnerId,
      data: { version: version.version, kind: version.kind, changed: Object.keys(input) },
    });
    return { contractId: contract.id, version: version.version };
  });
}

/** Kinds a submission lacks for this contract's category and the partner's criticality. */
export async function missingMandatoryKinds(
  db: Database,
  serviceCategory: string,
  criticality: string,
  clauses: ContractClauseText[],
) {
  const required = (await mandatoryKinds(db)).get(`${serviceCategory}/${criticality}`) ?? new Set<string>();
  const present = new Set(clauses.map((c) => c.kind));
  return [...required].filter((k) => !present.has(k as ContractClauseText['kind']));
}

/** The library text each clause copied, to tell which clauses were edited (and how). */
export async function libraryTextsOf(db: Database, clauses: ContractClauseText[]) {
  const ids = clauses.flatMap((c) => (c.clauseVersionId ? [c.clauseVersionId] : []));
  if (ids.length === 0)
    return new Map<string, { bodyZh: string; bodyEn: string; titleZh: string; titleEn: string }>();
  const rows = await db
    .select({
      id: contractClauseVersions.id,
      bodyZh: contractClauseVersions.bodyZh,
      bodyEn: contractClauseVersions.bodyEn,
      titleZh: contractClauseVersions.titleZh,
      titleEn: contractClauseVersions.titleEn,
    })
    .from(contractClauseVersions)
    .where(inArray(contractClauseVersions.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

export const editedClause = (
  c: ContractClauseText,
  library: Map<string, { bodyZh: string; bodyEn: string; titleZh: string; titleEn: string }>,
) => {
  if (!c.clauseVersionId) return true; // written for this contract only: legal reads all of it
  const source = library.get(c.clauseVersionId);
  return !source || source.bodyZh !== c.bodyZh || source.bodyEn !== c.bodyEn;
};

/**
 * Submits the draft. Refused while a mandatory clause kind is missing (naming it) or a variable
 * has no value. Legal reviews it when the partner is critical or important, when its annual value
 * is above the configured threshold, or when a clause departs from the library; otherwise it goes
 * straight to approval. From here on the version is frozen.
 */
export async function submitContract(db: Database, actor: Actor, contractId: string) {
  assertCan(actor, 'manage:contract');
  return db.transaction(async (tx) => {
    const { contract, version } = await lockedDraft(tx, contractId);
    refuseUnlessDraftVersion(version);
    checkRenewalTerm(version);
    const [partner] = await tx.select().from(partners).where(eq(partners.id, contract.partnerId));
    const missing = await missingMandatoryKinds(
      tx,
      contract.serviceCategory,
      partner!.criticality,
      version.clauses,
    );
    if (missing.length > 0) {
      throw new AppError('validation_failed', `Mandatory clauses are missing: ${missing.join(', ')}.`, {
        messageKey: 'errors.contracts.mandatory_missing',
        details: { kinds: missing },
      });
    }
    const unfilled = [
      ...new Set(
        version.clauses.flatMap((c) =>
          [...placeholdersOf(c.bodyZh), ...placeholdersOf(c.bodyEn)].filter(
            (name) => version.values[name] === undefined || version.values[name] === '',
          ),
        ),
      ),
    ];
    if (unfilled.length > 0) {
      throw new AppError('validation_failed', `Fill in every variable first: ${unfilled.join(', ')}.`, {
        messageKey: 'errors.contracts.values_missing',
        details: { variables: unfilled },
      });
    }
    const library = await libraryTextsOf(tx, version.clauses);
    const edited = version.clauses.filter((c) => editedClause(c, library)).map((c) => c.kind);
    const { annualValueCents } = await getSetting(tx, 'contracts.legalReview');
    const legalReviewRequired =
      partner!.criticality !== 'standard' ||
      version.terms.annualValueCents > annualValueCents ||
      edited.length > 0;
    const submittedBy = actor.type === 'staff' ? actor.userId : null;
    await tx
      .update(contractVersions)
      .set({ submittedAt: new Date(), submittedBy, legalReviewRequired })
      .where(eq(contractVersions.id, version.id));
    const status = legalReviewRequired ? 'legal_review' : 'approval';
    if (legalReviewRequired) {
      await moveVersion(tx, contract, version, status);
      await notify(tx, {
        staffRoles: ['legal'],
        template: 'notify.contract_review_needed',
        params: { reference: contract.reference },
        link: `/s/contracts/${contract.id}`,
        actor,
      });
    } else {
      await enterApproval(tx, actor, contract, version);
    }
    await audit(tx, actor, {
      action: 'contract.submitted',
      entityType: 'contract',
      entityId: contract.id,
      partnerId: contract.partnerId,
      data: { version: version.version, kind: version.kind, legalReviewRequired, edited },
    });
    return {
      status,
      legalReviewRequired,
      edited,
      amendment: version.kind === 'amendment',
      renewal: version.renewal,
    };
  });
}

export const contractReviewInput = z.discriminatedUnion(
  'decision',
  [
    z.strictObject({ decision: z.literal('approve'), comments: z.string().trim().max(5000).default('') }),
    z.strictObject({
      decision: z.literal('return'),
      comments: z.string().trim().min(1, 'Say what to change before it can be approved.').max(5000),
    }),
  ],
  { message: 'Choose approve or return.' },
);

/**
 * Legal's review: approve (on to the approvers) or return with comments. A returned version stays
 * as it was reviewed; the draft continues as the next version, so every reviewed text is kept.
 */
export async function reviewContract(
  db: Database,
  actor: Actor,
  contractId: string,
  raw: z.input<typeof contractReviewInput>,
) {
  assertCan(actor, 'review:contract');
  const input = parse(contractReviewInput, raw);
  if (actor.type !== 'staff') throw new AppError('forbidden', 'Only staff review contracts.');
  return db.transaction(async (tx) => {
    const { contract, version } = await lockedDraft(tx, contractId);
    if (version.status !== 'legal_review') {
      throw new AppError('conflict', 'This contract is not waiting for legal review.', {
        messageKey: 'errors.contracts.not_in_review',
        details: { status: version.status },
      });
    }
    await tx.insert(contractReviews).values({
      contractId: contract.id,
      version: version.version,
      decision: input.decision === 'approve' ? 'approved' : 'returned',
      comments: input.comments,
      reviewerId: actor.userId,
    });
    if (input.decision === 'approve') {
      await enterApproval(tx, actor, contract, version);
    } else {
      await continueAsNextVersion(tx, contract, version, actor.userId);
    }
    await audit(tx, actor, {
      action: input.decision === 'approve' ? 'contract.legal_approved' : 'contract.legal_returned',
      entityType: 'contract',
      entityId: contract.id,
      partnerId: contract.partnerId,
      data: { version: version.version, comments: input.comments },
    });
    return { decision: input.decision };
  });
}

import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns.ts';
import { departments } from './departments.ts';
import { criticalities, partners, serviceCategories } from './partners.ts';
import { users } from './users.ts';

/**
 * What a clause is about (issue 13): the list regulators expect an outsourcing contract to cover
 * (CBIRC outsourcing rules, EBA guidelines §75, DORA Art. 30).
 */
export const clauseKinds = [
  'responsibilities',
  'rights',
  'service_standards',
  'breach_liability',
  'compensation',
  'confidentiality',
  'information_security',
  'personal_data',
  'liability_limits',
  'audit_rights',
  'subcontracting',
  'locations',
  'business_continuity',
  'termination',
  'exit_data',
  'training_duties',
] as const;
export type ClauseKind = (typeof clauseKinds)[number];

/** The types a clause variable may take; a draft's value is checked against it. */
export const clauseVariableTypes = ['text', 'number', 'money', 'percent', 'date', 'days'] as const;
export type ClauseVariableType = (typeof clauseVariableTypes)[number];

/** A typed placeholder in a clause's text, written `{{name}}` in both languages. */
export interface ClauseVariable {
  name: string;
  type: ClauseVariableType;
  labelZh: string;
  labelEn: string;
}

/** A clause of the library (条款库): its identity and kind; its words live in its versions. */
export const contractClauses = pgTable('contract_clauses', {
  id: id(),
  kind: text('kind', { enum: clauseKinds }).notNull(),
  /** A stable key for seeded clauses (seeding never adds one twice); null for legal's own. */
  defaultKey: text('default_key').unique(),
  currentVersion: integer('current_version').notNull().default(1),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Every version of every clause, append-only: a contract points at the version it copied. */
export const contractClauseVersions = pgTable(
  'contract_clause_versions',
  {
    id: id(),
    clauseId: uuid('clause_id')
      .notNull()
      .references(() => contractClauses.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    titleZh: text('title_zh').notNull(),
    titleEn: text('title_en').notNull(),
    bodyZh: text('body_zh').notNull(),
    bodyEn: text('body_en').notNull(),
    variables: jsonb('variables').$type<ClauseVariable[]>().notNull().default(sql`'[]'::jsonb`),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('contract_clause_versions_clause_version').on(t.clauseId, t.version)],
);

/** A template per service category: the clauses a new draft starts with, in order. */
export const contractTemplates = pgTable('contract_templates', {
  id: id(),
  serviceCategory: text('service_category', { enum: serviceCategories }).notNull(),
  defaultKey: text('default_key').unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  clauseIds: uuid('clause_ids').array().notNull(),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * The clause kinds a contract must contain, per service category and partner criticality
 * (configurable by legal; seeded from issue 13's list). Submission is refused while one is missing.
 */
export const contractMandatoryKinds = pgTable(
  'contract_mandatory_kinds',
  {
    serviceCategory: text('service_category', { enum: serviceCategories }).notNull(),
    criticality: text('criticality', { enum: criticalities }).notNull(),
    kind: text('kind', { enum: clauseKinds }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.serviceCategory, t.criticality, t.kind] })],
);

export const contractStatuses = [
  'draft',
  'legal_review',
  'approval',
  'signing',
  'active',
  'expiring',
  'renewed',
  'expired',
  'terminated',
] as const;
export type ContractStatus = (typeof contractStatuses)[number];

export const personalDataKinds = [
  'identity',
  'contact',
  'financial',
  'health',
  'policy',
  'claims',
  'biometric',
] as const;
export type PersonalDataKind = (typeof personalDataKinds)[number];
export const substitutabilities = ['easy', 'difficult', 'impossible'] as const;
export const exitPossibilities = ['in_house', 'other_provider', 'both', 'none'] as const;

/** A sub-contractor of the arrangement, as the register lists it. */
export interface ContractSubcontractor {
  name: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  function: string;
}

/**
 * The register fields (DOMAIN.md, outsourcing register) only a person knows; the others
 * (reference, dates, our notice period, governing law, criticality, annual cost) are read live
 * from the contract, its terms and its partner. Every field is optional: a register may be incomplete.
 */
export interface ContractRegister {
  functionDescription?: string;
  dataDescription?: string;
  personalData?: boolean;
  personalDataKinds?: PersonalDataKind[];
  /** ISO 3166-1 alpha-2 codes. */
  serviceCountries?: string[];
  dataCountries?: string[];
  criticalityReason?: string;
  criticalityAssessedOn?: string;
  /** The partner's notice period, when it differs from ours (the terms' noticeDays). */
  partnerNoticeDays?: number;
  subcontractors?: ContractSubcontractor[];
  substitutability?: (typeof substitutabilities)[number];
  exitPossibility?: (typeof exitPossibilities)[number];
  exitNotes?: string;
  // The fields below are kept from the register page (decision record 052), not the contract's
  // register form: that form leaves them as they are.
  /** Date and result (low / medium / high) of the last risk assessment of the arrangement. */
  riskAssessedOn?: string;
  riskAssessmentResult?: 'low' | 'medium' | 'high';
  /** Dates of the last and the next audit of the provider for this arrangement. */
  lastAuditOn?: string;
  nextAuditOn?: string;
  discontinuationImpact?: 'low' | 'medium' | 'high';
  alternativeProviders?: string[];
  /** Whether the function is time-critical, and its recovery time and point objectives in hours. */
  timeCritical?: boolean;
  rtoHours?: number;
  rpoHours?: number;
  /** The date the regulator was notified of the (critical or important) outsourcing. */
  regulatorNotifiedOn?: string;
}

/** A contract (合同) with one partner; what it says lives in its versions. */
export const contracts = pgTable(
  'contracts',
  {
    id: id(),
    /** The arrangement's reference number of the register (e.g. HT-2026-0001), unique. */
    reference: text('reference').notNull().unique(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    templateId: uuid('template_id').references(() => contractTemplates.id),
    serviceCategory: text('service_category', { enum: serviceCategories }).notNull(),
    status: text('status', { enum: contractStatuses }).notNull().default('draft'),
    /** The version being worked on or in force. */
    currentVersion: integer('current_version').notNull().default(1),
    ownerId: uuid('owner_id').references(() => users.id),
    /** The owning department; defaults from the owner's department (decision record 050). */
    departmentId: uuid('department_id').references(() => departments.id),
    /** The outsourcing register's fields only a person knows (decision record 039); {} until filled. */
    register: jsonb('register').$type<ContractRegister>().notNull().default(sql`'{}'::jsonb`),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('contracts_partner').on(t.partnerId), index('contracts_status').on(t.status)],
);

/**
 * Where one version stands (decision record 040). An original's status mirrors its contract's
 * until it is signed; an amendment of a contract in force moves on its own while the contract
 * stays active. At most one version of a contract is open (draft … signing) at a time.
 */
export const contractVersionStatuses = [
  'draft',
  'legal_review',
  'approval',
  'signing',
  /** Countersigned: the contract's text (or, once superseded, its text until the next amendment). */
  'signed',
  'superseded',
  /** Returned by legal or an approver; the work continued as the next version. */
  'returned',
  /** An amendment abandoned before it was signed; the version in force stays. */
  'withdrawn',
] as const;
export type ContractVersionStatus = (typeof contractVersionStatuses)[number];
export const openVersionStatuses = ['draft', 'legal_review', 'approval', 'signing'] as const;

/** A clause as it stands in one contract version: copied from the library, maybe edited. */
export interface ContractClauseText {
  clauseId: string | null;
  clauseVersionId: string | null;
  kind: ClauseKind;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  variables: ClauseVariable[];
}

/** A committed service level, tied to a KPI definition: e.g. timeliness ≥ 95 % per month. */
export interface SlaTarget {
  kpiKey: string;
  comparator: 'gte' | 'lte';
  target: number;
  period: 'month' | 'quarter';
}

/** The contract's terms every template asks for (the parties come from the partner record). */
export interface ContractTerms {
  startDate: string;
  endDate: string;
  autoRenew: boolean;
  noticeDays: number;
  annualValueCents: number;
  currency: string;
  governingLaw: string;
  language: 'zh-CN' | 'en';
  /**
   * The first day of the term in force when it is not the arrangement's start: set by a renewal
   * (decision record 047) to the day after the term it renews. An automatic renewal rolls on in
   * terms of this term's length.
   */
  termStartDate?: string;
}

/**
 * One version of a contract: its terms, variables, SLA targets and clause texts. A version is
 * editable only while its contract is a draft (or returned to draft); once submitted it is frozen,
 * and a change to an active contract is a new version with its own review and approval.
 */
export const contractVersions = pgTable(
  'contract_versions',
  {
    id: id(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    /** 'original' or 'amendment' (a change to a contract that was in force). */
    kind: text('kind', { enum: ['original', 'amendment'] })
      .notNull()
      .default('original'),
    /** Where this version stands (decision record 040). */
    status: text('status', { enum: contractVersionStatuses }).notNull().default('draft'),
    /** Why an amendment is made (required for amendments, null for originals). */
    reason: text('reason'),
    /**
     * An amendment that renews the contract for a new term (decision record 047): on signature the
     * contract is `renewed`, in force with the new term.
     */
    renewal: boolean('renewal').notNull().default(false),
    /** Why an amendment or renewal was withdrawn (required once it had left its draft). */
    withdrawnReason: text('withdrawn_reason'),
    terms: jsonb('terms').$type<ContractTerms>().notNull(),
    values: jsonb('values').$type<Record<string, string | number>>().notNull().default(sql`'{}'::jsonb`),
    slaTargets: jsonb('sla_targets').$type<SlaTarget[]>().notNull().default(sql`'[]'::jsonb`),
    clauses: jsonb('clauses').$type<ContractClauseText[]>().notNull(),
    /** Set on submission: from then on the version never changes. */
    submittedAt: ts('submitted_at'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    /** Whether legal had to review this version (criticality or annual value), decided on submission. */
    legalReviewRequired: boolean('legal_review_required'),
    /** The approvers this version needs, fixed when it reaches approval (later changes do not apply). */
    approverIds: uuid('approver_ids').array(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /**
     * The clause titles and texts of both languages, lower-cased, as one JSON array text: what the
     * archive's full-text search reads (decision record 039). Kept by PostgreSQL itself.
     */
    searchText: text('search_text').generatedAlwaysAs(
      sql`lower((jsonb_path_query_array(clauses, '$[*].titleZh') || jsonb_path_query_array(clauses, '$[*].titleEn') || jsonb_path_query_array(clauses, '$[*].bodyZh') || jsonb_path_query_array(clauses, '$[*].bodyEn'))::text)`,
    ),
  },
  (t) => [
    uniqueIndex('contract_versions_contract_version').on(t.contractId, t.version),
    // One open version per contract: a second amendment cannot start while one is under way.
    uniqueIndex('contract_versions_one_open')
      .on(t.contractId)
      .where(sql`status in ('draft', 'legal_review', 'approval', 'signing')`),
    // "Contracts whose version has a clause of kind X": clauses @> '[{"kind":"X"}]' uses it.
    index('contract_versions_clauses').using('gin', sql`${t.clauses} jsonb_path_ops`),
  ],
);

/** Legal's review of a submitted version: approved, or returned to draft with comments. */
export const contractReviews = pgTable(
  'contract_reviews',
  {
    id: id(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    decision: text('decision', { enum: ['approved', 'returned'] }).notNull(),
    comments: text('comments').notNull().default(''),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('contract_reviews_contract').on(t.contractId, t.version)],
);

/** Monotonic per-year counter behind contract reference numbers. */
export const contractReferenceCounters = pgTable('contract_reference_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull().default(0),
});

/** Who approves contracts of a service category (configured by admins); every one must approve. */
export const contractApprovers = pgTable(
  'contract_approvers',
  {
    serviceCategory: text('service_category', { enum: serviceCategories }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.serviceCategory, t.userId] })],
);

/**
 * An approver's decision on one version. The primary key makes a second decision by the same
 * approver on the same version impossible, whatever double clicks or Slack retries send.
 */
export const contractApprovals = pgTable(
  'contract_approvals',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => users.id),
    decision: text('decision', { enum: ['approve', 'return'] }).notNull(),
    reason: text('reason'),
    via: text('via', { enum: ['web', 'slack'] })
      .notNull()
      .default('web'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.version, t.approverId] })],
);

/**
 * The countersigned copy of an approved version: stored once, never replaced (a new signature is
 * a new version). Its SHA-256 is checked every time it is read.
 */
export const contractSignedFiles = pgTable(
  'contract_signed_files',
  {
    id: id(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: createdAt(),
  },
  (t) => [uniqueIndex('contract_signed_files_version').on(t.contractId, t.version)],
);

/**
 * The Slack message that shows a contract in approval to one approver, so each decision can
 * redraw every approver's message with the live tally. A later ballot (the next version after a
 * return) replaces the reference: the newest message is the live one.
 */
export const contractMessages = pgTable(
  'contract_messages',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    approverId: uuid('approver_id')
      .notNull()
      .references(() => users.id),
    channel: text('channel').notNull(),
    ts: text('ts').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.approverId] })],
);

/**
 * The expiry and notice-deadline reminders sent for a contract's term (90, 60 and 30 days
 * before): claimed before sending, so a rerun of the daily job sends nothing twice. A renewed
 * term has its own end date, hence its own reminders.
 */
export const contractReminders = pgTable(
  'contract_reminders',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    termEnd: text('term_end').notNull(),
    kind: text('kind', { enum: ['expiry', 'notice'] }).notNull(),
    days: integer('days').notNull(),
    sentAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.termEnd, t.kind, t.days] })],
);

/** How one SLA target fared in one month or quarter (issue 13, decision 038). */
export const slaOutcomes = ['met', 'missed', 'not_measured'] as const;
export type SlaOutcome = (typeof slaOutcomes)[number];

/** One SLA target against the partner's KPI actual of one of its periods (from the monthly rollups). */
export interface SlaResult {
  kpiKey: string;
  /** The SLA's own period: a month SLA is judged per month, a quarter SLA per quarter. */
  period: string;
  comparator: 'gte' | 'lte';
  target: number;
  /** Null when the period had no observation for the KPI ("not measured", never a miss). */
  actual: number | null;
  sampleSize: number;
  outcome: SlaOutcome;
  /** What the miss costs the partner, in cents (0 unless missed). */
  creditCents: number;
  /**
   * A month SLA missed: how many months in a row it has been missed up to this one (decision
   * record 047), counted back over at most the cure period and one more month.
   */
  consecutiveMisses?: number;
  /** Missed for more months in a row than the contract's cure period (`sla_cure_months`). */
  materialBreach?: boolean;
}

/**
 * A run of the execution evaluation: by the schedule (at most once per period — the partial
 * unique index) or by staff ("evaluate now", as often as they like; each replaces the results).
 */
export const contractExecutionRuns = pgTable(
  'contract_execution_runs',
  {
    id: id(),
    period: text('period').notNull(),
    trigger: text('trigger', { enum: ['schedule', 'staff'] }).notNull(),
    contracts: integer('contracts').notNull().default(0),
    breaches: integer('breaches').notNull().default(0),
    requestedBy: uuid('requested_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contract_execution_runs_scheduled').on(t.period).where(sql`${t.trigger} = 'schedule'`),
  ],
);

/**
 * How one contract was executed in one month or quarter: each SLA target against the actual,
 * the deviation (share of measured service levels missed; the seed's target is at most 2 %), the
 * breaches and the service credits its compensation clause yields. One row per contract and
 * period; a re-run replaces it.
 */
export const contractExecutionResults = pgTable(
  'contract_execution_results',
  {
    id: id(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    version: integer('version').notNull(),
    period: text('period').notNull(),
    periodKind: text('period_kind', { enum: ['month', 'quarter'] }).notNull(),
    /** The period's days, [from, to). */
    periodFrom: text('period_from').notNull(),
    periodTo: text('period_to').notNull(),
    slaResults: jsonb('sla_results').$type<SlaResult[]>().notNull(),
    /** Service levels committed in the period, those with data, and those missed. */
    committed: integer('committed').notNull(),
    measured: integer('measured').notNull(),
    missed: integer('missed').notNull(),
    /** SLA lines missed beyond the cure period (decision record 047). */
    materialBreaches: integer('material_breaches').notNull().default(0),
    /** missed / measured, 0–1; null when nothing could be measured. */
    deviation: doublePrecision('deviation'),
    /** The period's share of the annual value, the credit percent per miss, and the credit (capped). */
    feeCents: bigint('fee_cents', { mode: 'number' }).notNull(),
    creditPercent: doublePrecision('credit_percent').notNull(),
    creditCents: bigint('credit_cents', { mode: 'number' }).notNull(),
    creditCapped: boolean('credit_capped').notNull().default(false),
    /** The period had not ended when evaluated: its figures may still move. */
    provisional: boolean('provisional').notNull().default(false),
    runId: uuid('run_id').references(() => contractExecutionRuns.id, { onDelete: 'set null' }),
    evaluatedAt: createdAt(),
  },
  (t) => [
    uniqueIndex('contract_execution_results_contract_period').on(t.contractId, t.period),
    index('contract_execution_results_period').on(t.period, t.deviation),
    index('contract_execution_results_partner').on(t.partnerId, t.periodTo),
  ],
);
export type ContractExecutionResult = typeof contractExecutionResults.$inferSelect;

import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, ts, updatedAt } from './columns.ts';
import { departments } from './departments.ts';
import { partners, serviceCategories } from './partners.ts';
import { users } from './users.ts';

/**
 * What a risk rule watches. Each kind has its own parameter schema (core, risk/rule-params.ts).
 * A kind is added with the capability whose data it watches (no migration: the column is plain text).
 */
export const riskRuleKinds = [
  'kpi_threshold',
  'kpi_sudden_change',
  'document_expiry',
  'blacklist_hit',
  'training_compliance',
  // Decision record 041: contracts and concentration.
  'contract_lapsing',
  'concentration',
  'contract_breach',
] as const;
export const riskLevels = ['notice', 'warning', 'critical'] as const;
export const riskAlertStatuses = ['open', 'acknowledged', 'resolved', 'dismissed'] as const;

/**
 * Risk rules (风险预警规则), the current version of each. Every save bumps `version` and writes the
 * full rule into risk_rule_versions, so an alert's rule "as it was when raised" can always be shown.
 */
export const riskRules = pgTable('risk_rules', {
  id: id(),
  kind: text('kind', { enum: riskRuleKinds }).notNull(),
  /** A stable key for default rules (ensureDefaultRiskRules never adds one twice); null for staff's own. */
  defaultKey: text('default_key').unique(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  level: text('level', { enum: riskLevels }).notNull(),
  /** Empty means every service category. */
  serviceCategories: text('service_categories', { enum: serviceCategories })
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  params: jsonb('params').$type<Record<string, unknown>>().notNull(),
  enabled: boolean('enabled').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

/** Every version of every rule, append-only: the history page and the alerts' snapshots read it. */
export const riskRuleVersions = pgTable(
  'risk_rule_versions',
  {
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => riskRules.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: createdAt(),
  },
  (t) => [uniqueIndex('risk_rule_versions_key').on(t.ruleId, t.version)],
);

/**
 * Alerts (风险预警). One open (or acknowledged) alert per (rule, partner, condition key): a partial
 * unique index makes the dedupe hold even when two evaluations run at once. Once resolved or
 * dismissed, the same condition coming back raises a new row.
 */
export const riskAlerts = pgTable(
  'risk_alerts',
  {
    id: id(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    ruleId: uuid('rule_id')
      .notNull()
      .references(() => riskRules.id),
    ruleVersion: integer('rule_version').notNull(),
    /** The rule as it was when the alert was raised (name, level, params). */
    ruleSnapshot: jsonb('rule_snapshot').$type<Record<string, unknown>>().notNull(),
    /** What exactly is wrong, e.g. the KPI key or the document id: the dedupe key within a rule. */
    conditionKey: text('condition_key').notNull(),
    level: text('level', { enum: riskLevels }).notNull(),
    /** The numbers behind the alert and links to where they come from (risk/evidence.ts). */
    evidence: jsonb('evidence').$type<Record<string, unknown>>().notNull(),
    raisedAt: ts('raised_at').notNull(),
    responseDeadline: ts('response_deadline').notNull(),
    ownerId: uuid('owner_id').references(() => users.id),
    /** The owning department; defaults from the owner's department (decision record 050). */
    departmentId: uuid('department_id').references(() => departments.id),
    status: text('status', { enum: riskAlertStatuses }).notNull().default('open'),
    acknowledgedAt: ts('acknowledged_at'),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id),
    resolvedAt: ts('resolved_at'),
    /** Null with status resolved means the system closed it (condition cleared long enough). */
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolutionNote: text('resolution_note'),
    dismissedAt: ts('dismissed_at'),
    dismissedBy: uuid('dismissed_by').references(() => users.id),
    dismissalReason: text('dismissal_reason'),
    /** Since when the condition has not held (null while it holds); the alert auto-closes after the rule's clearAfter. */
    clearedSince: ts('cleared_since'),
    /** For the Slack follow-up: where the alert's message is, to update it in place (channel + ts). */
    slackChannel: text('slack_channel'),
    slackTs: text('slack_ts'),
    /** The critical alert's DM to the relationship owner, redrawn with the channel card on every change. */
    slackDmChannel: text('slack_dm_channel'),
    slackDmTs: text('slack_dm_ts'),
    /** Whose DM it is (its language follows theirs). */
    slackDmUserId: uuid('slack_dm_user_id').references(() => users.id),
    /** For the escalation follow-up: the last escalation step taken (0 = none). */
    escalationStep: integer('escalation_step').notNull().default(0),
    /** When staff shared the alert with its partner (null: not shared, the default). Decision record 036. */
    sharedAt: ts('shared_at'),
    sharedBy: uuid('shared_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('risk_alerts_live_condition_key')
      .on(t.ruleId, t.partnerId, t.conditionKey)
      .where(sql`${t.status} in ('open', 'acknowledged')`),
    // The inbox: open first, by deadline; and the work queue.
    index('risk_alerts_status_deadline_idx').on(t.status, t.responseDeadline),
    index('risk_alerts_partner_idx').on(t.partnerId, t.raisedAt),
  ],
);

export const riskAlertEventKinds = [
  'raised',
  'acknowledged',
  'assigned',
  'resolved',
  'dismissed',
  'cleared',
  'returned',
  'auto_resolved',
  // Reserved for the follow-up (Slack delivery, escalation, partner sharing): no migration needed then.
  'escalated',
  'slack_posted',
  'commented',
  // Partner sharing (decision record 036).
  'shared',
  'evidence_uploaded',
  // An incident was opened from the alert (decision record 035).
  'incident_opened',
] as const;

/** An alert's timeline: who did what, when. Append-only; the audit log holds the same facts signed. */
export const riskAlertEvents = pgTable(
  'risk_alert_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => riskAlerts.id),
    kind: text('kind', { enum: riskAlertEventKinds }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    /** How the person acted (web, slack, system), for "acknowledged in Slack by …". */
    via: text('via').notNull().default('web'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: ts('at').notNull(),
  },
  (t) => [index('risk_alert_events_alert_idx').on(t.alertId, t.id)],
);

export const riskCommentVisibilities = ['internal', 'partner'] as const;

/**
 * The conversation on an alert (decision record 036): staff's internal notes (never shown to the
 * partner) and the messages between staff and the partner. `request_key` makes a resent form a
 * no-op: one comment per (alert, author, key).
 */
export const riskAlertComments = pgTable(
  'risk_alert_comments',
  {
    id: id(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => riskAlerts.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    visibility: text('visibility', { enum: riskCommentVisibilities }).notNull(),
    /** staff or partner: who wrote it, for the thread's "from the partner" mark. */
    authorKind: text('author_kind', { enum: ['staff', 'partner'] }).notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    requestKey: text('request_key'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    index('risk_alert_comments_alert_idx').on(t.alertId, t.createdAt),
    uniqueIndex('risk_alert_comments_request_key').on(t.alertId, t.authorId, t.requestKey),
  ],
);

/** Files the partner uploads as evidence on a shared alert; the same bytes twice are stored once. */
export const riskAlertEvidence = pgTable(
  'risk_alert_evidence',
  {
    id: id(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => riskAlerts.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: ts('uploaded_at').notNull(),
  },
  (t) => [uniqueIndex('risk_alert_evidence_alert_sha').on(t.alertId, t.sha256)],
);

export type RiskAlertComment = typeof riskAlertComments.$inferSelect;
export type RiskAlertEvidenceFile = typeof riskAlertEvidence.$inferSelect;
export type RiskRule = typeof riskRules.$inferSelect;
export type RiskAlert = typeof riskAlerts.$inferSelect;
export type RiskAlertEvent = typeof riskAlertEvents.$inferSelect;

// ── Incidents (应急处置), issue 12 part B: decision record 035 ─────────────────────────────────────

export const riskIncidentStatuses = ['open', 'contained', 'closed'] as const;
export const riskPlanScenarios = [
  'data_breach',
  'service_outage',
  'misconduct',
  'fraud',
  'complaint_surge',
  'other',
] as const;

/**
 * Emergency plans (应急预案): bilingual templates of steps per scenario and service category.
 * Every save bumps `version` and writes the full plan to risk_emergency_plan_versions; an incident
 * keeps its own copy of the plan as chosen, so later edits never change it.
 */
export const riskEmergencyPlans = pgTable('risk_emergency_plans', {
  id: id(),
  scenario: text('scenario', { enum: riskPlanScenarios }).notNull(),
  /** Empty means every service category. */
  serviceCategories: text('service_categories', { enum: serviceCategories })
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  titleZh: text('title_zh').notNull(),
  titleEn: text('title_en').notNull(),
  /** Markdown, rendered safely (raw HTML dropped) as course content is. */
  bodyZh: text('body_zh').notNull(),
  bodyEn: text('body_en').notNull(),
  stepsZh: text('steps_zh').array().notNull().default(sql`'{}'::text[]`),
  stepsEn: text('steps_en').array().notNull().default(sql`'{}'::text[]`),
  /** A retired plan is no longer offered when opening an incident. */
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  updatedBy: uuid('updated_by').references(() => users.id),
});

export const riskEmergencyPlanVersions = pgTable(
  'risk_emergency_plan_versions',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => riskEmergencyPlans.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: createdAt(),
  },
  (t) => [uniqueIndex('risk_emergency_plan_versions_key').on(t.planId, t.version)],
);

/** The plan as it was copied into an incident. */
export interface IncidentPlanCopy {
  planId: string;
  version: number;
  scenario: string;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
  stepsZh: string[];
  stepsEn: string[];
}

/**
 * An incident (风险事件): opened from an alert or directly, contained, then closed with a root
 * cause and lessons learned once every remediation task is verified. Staff-only fields (handling
 * plan, containment, root cause) are never shown to the partner.
 */
export const riskIncidents = pgTable(
  'risk_incidents',
  {
    id: id(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    /** The alert it was opened from, if any. */
    alertId: uuid('alert_id').references(() => riskAlerts.id),
    title: text('title').notNull(),
    severity: text('severity', { enum: riskLevels }).notNull(),
    description: text('description').notNull().default(''),
    /** Affected customers, policies, systems: free text plus counts. */
    affectedScope: text('affected_scope').notNull().default(''),
    affectedCustomers: integer('affected_customers'),
    affectedPolicies: integer('affected_policies'),
    affectedSystems: integer('affected_systems'),
    containment: text('containment').notNull().default(''),
    handlingPlan: text('handling_plan').notNull().default(''),
    responsibleId: uuid('responsible_id')
      .notNull()
      .references(() => users.id),
    plan: jsonb('plan').$type<IncidentPlanCopy>(),
    status: text('status', { enum: riskIncidentStatuses }).notNull().default('open'),
    openedBy: uuid('opened_by').references(() => users.id),
    openedAt: ts('opened_at').notNull(),
    containedAt: ts('contained_at'),
    containedBy: uuid('contained_by').references(() => users.id),
    closedAt: ts('closed_at'),
    closedBy: uuid('closed_by').references(() => users.id),
    rootCause: text('root_cause'),
    lessonsLearned: text('lessons_learned'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('risk_incidents_status_opened_idx').on(t.status, t.openedAt),
    index('risk_incidents_partner_idx').on(t.partnerId, t.openedAt),
    // One incident per alert: opening twice from the same alert (a retry) finds the first.
    uniqueIndex('risk_incidents_alert_key').on(t.alertId),
  ],
);

export const riskIncidentEventKinds = [
  'opened',
  'updated',
  'contained',
  'closed',
  'task_added',
  'task_submitted',
  'task_verified',
  'task_rejected',
  'evidence_uploaded',
] as const;

/** An incident's timeline; append-only, the audit log holds the same facts signed. Staff only. */
export const riskIncidentEvents = pgTable(
  'risk_incident_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => riskIncidents.id),
    kind: text('kind', { enum: riskIncidentEventKinds }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    at: ts('at').notNull(),
  },
  (t) => [index('risk_incident_events_incident_idx').on(t.incidentId, t.id)],
);

export const riskTaskAssignees = ['partner', 'internal'] as const;
export const riskTaskStatuses = ['open', 'submitted', 'verified'] as const;

/**
 * A remediation task (整改任务) of an incident: the partner's (it uploads evidence) or internal (a
 * staff member). Staff verify a submitted task, or send it back with a reason (status open again).
 */
export const riskIncidentTasks = pgTable(
  'risk_incident_tasks',
  {
    id: id(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => riskIncidents.id),
    /** Denormalised so every partner-scoped query filters on one column. */
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    assignee: text('assignee', { enum: riskTaskAssignees }).notNull(),
    /** The staff member of an internal task. */
    assigneeId: uuid('assignee_id').references(() => users.id),
    description: text('description').notNull(),
    dueDate: date('due_date').notNull(),
    status: text('status', { enum: riskTaskStatuses }).notNull().default('open'),
    submittedAt: ts('submitted_at'),
    submittedBy: uuid('submitted_by').references(() => users.id),
    submissionNote: text('submission_note'),
    verifiedAt: ts('verified_at'),
    verifiedBy: uuid('verified_by').references(() => users.id),
    rejectionReason: text('rejection_reason'),
    /** Reminders already sent ('due_soon', 'overdue'): each once. */
    remindersSent: text('reminders_sent').array().notNull().default(sql`'{}'::text[]`),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('risk_incident_tasks_incident_idx').on(t.incidentId),
    index('risk_incident_tasks_partner_idx').on(t.partnerId, t.status),
    index('risk_incident_tasks_status_due_idx').on(t.status, t.dueDate),
  ],
);

/** Evidence files the partner uploads for a task; bytes in FileStorage, content-addressed. */
export const riskIncidentEvidence = pgTable(
  'risk_incident_evidence',
  {
    id: id(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => riskIncidentTasks.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => partners.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: createdAt(),
  },
  (t) => [index('risk_incident_evidence_task_idx').on(t.taskId)],
);

export type RiskEmergencyPlan = typeof riskEmergencyPlans.$inferSelect;
export type RiskIncident = typeof riskIncidents.$inferSelect;
export type RiskIncidentTask = typeof riskIncidentTasks.$inferSelect;

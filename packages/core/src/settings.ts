import { type Database, settings, staffRoles } from '@outpost/db';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from './actor.ts';
import { audit } from './audit.ts';
import { assertCan } from './permissions.ts';
import { parse } from './validation.ts';
import { terminationSettingSchemas } from './terminations/settings.ts';
import { registerSettingSchemas } from './register/entity.ts';

/** Configurable rules with their defaults and validation, one place for each. */
export const settingSchemas = {
  'admission.committee': z
    .object({
      /** Share of committee members that must vote (abstentions count as votes). */
      quorumRatio: z.number().gt(0).max(1),
      /** Share of the votes cast that must approve. */
      approvalRatio: z.number().gt(0).max(1),
    })
    .default({ quorumRatio: 0.5, approvalRatio: 2 / 3 }),
  'admission.weights': z
    .object({
      financial: z.number().min(0).max(1000),
      capability: z.number().min(0).max(1000),
      compliance: z.number().min(0).max(1000),
      reputation: z.number().min(0).max(1000),
    })
    .refine(
      (w) => w.financial + w.capability + w.compliance + w.reputation > 0,
      'At least one weight must be positive.',
    )
    .default({ financial: 0.3, capability: 0.3, compliance: 0.25, reputation: 0.15 }),
  /** The weekly Slack digest lists partners whose training compliance is below this share. */
  'training.digest': z.object({ threshold: z.number().gt(0).max(1) }).default({ threshold: 0.9 }),
  /** Hours staff have to acknowledge a risk alert, per level (issue 12: every warning answered within 24 h). */
  'risk.responseHours': z
    .object({
      notice: z.number().gt(0).max(720),
      warning: z.number().gt(0).max(720),
      critical: z.number().gt(0).max(720),
    })
    .default({ notice: 24, warning: 24, critical: 24 }),
  /**
   * Contracts above this annual value (in cents, CNY) go to legal review whatever the partner's
   * criticality (issue 13); critical and important partners' contracts always do.
   */
  'contracts.legalReview': z
    .object({ annualValueCents: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })
    .default({ annualValueCents: 100_000_000 }),
  /**
   * Escalation of unacknowledged risk alerts (decision 034): a reminder to the responsible person at
   * `reminderAt` of the response time, the head of risk at the deadline. Without a configured head
   * of risk, the active administrators are told.
   */
  'risk.escalation': z
    .object({
      reminderAt: z.number().gt(0).lt(1),
      headOfRiskUserId: z.uuid().nullable(),
    })
    .default({ reminderAt: 0.5, headOfRiskUserId: null }),
  /**
   * Which staff roles must sign in with an authenticator app (TOTP, decision record 043). A staff
   * member holding any of them is led to set it up before anything else.
   */
  'auth.mfa': z
    .object({ requiredRoles: z.array(z.enum(staffRoles)).max(staffRoles.length) })
    .default({ requiredRoles: ['admin', 'committee', 'risk_officer'] }),
  /**
   * The customer-satisfaction target's baseline period (decision record 046): a quarter, `2025-Q4`;
   * null until staff choose one (the figure is then not measured). Set through
   * targets/baseline.ts, which refuses a quarter in the future.
   */
  'targets.satisfactionBaseline': z
    .object({
      quarter: z
        .string()
        .regex(/^\d{4}-Q[1-4]$/, 'Write the quarter as 2025-Q4.')
        .nullable(),
    })
    .default({ quarter: null }),
  /**
   * Where the quarterly management report goes (decision record 051): the management Slack
   * channel's id (null: not posted) and the e-mail list, each address with its language.
   */
  'reports.distribution': z
    .object({
      slackChannel: z
        .string()
        .trim()
        .regex(/^[CG][A-Z0-9]{2,}$/, 'Use the Slack channel id, e.g. C0123ABCD.')
        .nullable(),
      emails: z
        .array(z.object({ email: z.email(), locale: z.enum(['zh-CN', 'en']).default('zh-CN') }))
        .max(50),
    })
    .default({ slackChannel: null, emails: [] }),
  /**
   * The concentration view (decision record 050): a category is flagged when one partner's share of
   * its volume (cases opened over `windowDays`) or of its contracts' annual value is above
   * `limitPercent`, or when one partner serves it alone.
   */
  'continuity.concentration': z
    .object({
      limitPercent: z.number().gt(0).lt(100),
      windowDays: z.number().int().min(1).max(366),
    })
    .default({ limitPercent: 50, windowDays: 30 }),
  /** Termination cases' approvers and exit checklist template (decision record 049). */
  ...terminationSettingSchemas,
  /** The insurer's own legal entity, named by the register's exports (decision record 060); null until set. */
  ...registerSettingSchemas,
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValue<K extends SettingKey> = z.output<(typeof settingSchemas)[K]>;

export async function getSetting<K extends SettingKey>(db: Database, key: K): Promise<SettingValue<K>> {
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  return settingSchemas[key].parse(row?.value) as SettingValue<K>;
}

export async function setSetting<K extends SettingKey>(db: Database, actor: Actor, key: K, value: unknown) {
  assertCan(actor, 'manage:requirements');
  const parsed = parse(settingSchemas[key], value);
  await db.transaction(async (tx) => {
    const updatedBy = actor.type === 'staff' ? actor.userId : null;
    await tx
      .insert(settings)
      .values({ key, value: parsed, updatedBy })
      .onConflictDoUpdate({ target: settings.key, set: { value: parsed, updatedAt: new Date(), updatedBy } });
    await audit(tx, actor, {
      action: 'setting.changed',
      entityType: 'setting',
      entityId: key,
      data: { value: parsed },
    });
  });
  return parsed as SettingValue<K>;
}

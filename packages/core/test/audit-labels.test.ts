import { auditLabel, auditLabelledCodes, hasAuditLabel, supportedLocales } from '@outpost/i18n';
import { describe, expect, it } from 'vitest';
import { collectAuditCodes } from './audit-codes.ts';

// The auditor's viewer and its export show each action and entity type by name (packages/i18n
// audit-labels.*.ts). A new `audit(…)` call with a new action or entity type fails here until it
// is named in both languages.
const codes = collectAuditCodes();

describe('every audit action and entity type the code writes has a name', () => {
  it('the scan reads every audit call (nothing it cannot resolve)', () => {
    expect(codes.unresolved).toEqual([]);
    expect(codes.calls).toBeGreaterThan(150);
    // Spot checks from each kind of source: a literal, a choice, a helper's argument, a template.
    for (const a of [
      'auth.signed_in',
      'setting.changed',
      'training.course_passed',
      'termination.access_revoked',
      'risk_alert.raised',
      'contract.expired',
      'user.created',
    ]) {
      expect(codes.actions).toContain(a);
    }
    for (const e of ['allocation_table', 'api_key', 'user', 'rectification_item'])
      expect(codes.entityTypes).toContain(e);
  });

  for (const locale of supportedLocales) {
    it(`in ${locale}: each action`, () => {
      const missing = [...codes.actions].filter((a) => !hasAuditLabel(locale, 'action', a));
      expect(missing, `add 'audit.action.<code>' to packages/i18n/src/audit-labels.${locale}.ts`).toEqual([]);
    });
    it(`in ${locale}: each entity type`, () => {
      const missing = [...codes.entityTypes].filter((e) => !hasAuditLabel(locale, 'entity', e));
      expect(missing, `add 'audit.entity.<code>' to packages/i18n/src/audit-labels.${locale}.ts`).toEqual([]);
    });
  }

  it('names no code the code no longer writes (a stale name hides nothing, but it is a sign)', () => {
    expect(auditLabelledCodes('action').filter((a) => !codes.actions.has(a))).toEqual([]);
    expect(auditLabelledCodes('entity').filter((e) => !codes.entityTypes.has(e))).toEqual([]);
  });

  it('the two languages name different things differently (no copy left untranslated)', () => {
    const same = [...codes.actions].filter(
      (a) =>
        hasAuditLabel('en', 'action', a) &&
        auditLabel('en', 'action', a) === auditLabel('zh-CN', 'action', a),
    );
    expect(same).toEqual([]);
  });
});

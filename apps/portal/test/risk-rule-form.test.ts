import { riskRuleKinds } from '@outpost/db';
import { translate } from '@outpost/i18n';
import { describe, expect, it } from 'vitest';
import { paramFields, ruleFromForm, ruleKinds } from '../app/lib/risk/rule-form';

describe('risk rule form', () => {
  it('has a parameter form for every rule kind of the schema, each field labelled in both languages', () => {
    expect([...ruleKinds].sort()).toEqual([...riskRuleKinds].sort());
    for (const kind of ruleKinds) {
      for (const field of paramFields[kind]) {
        for (const locale of ['zh-CN', 'en'] as const) {
          const key = `risk.rules.field.${field}`;
          expect(translate(locale, key), `${locale} ${key}`).not.toBe(key);
        }
      }
      expect(translate('en', `risk.kind.${kind}`)).not.toBe(`risk.kind.${kind}`);
    }
  });

  it('reads the contract rule’s checkbox as true or false and keeps a mistyped number for core to report', () => {
    const form = new FormData();
    form.set('params.withinDays', '60');
    form.set('params.includeNoContract', 'on');
    expect(ruleFromForm(form, 'contract_lapsing').params).toEqual({
      withinDays: 60,
      includeNoContract: true,
      // clearAfterHours left empty: core applies its default.
    });
    const unticked = new FormData();
    unticked.set('params.abovePercent', '40 %');
    expect(ruleFromForm(unticked, 'contract_lapsing').params).toMatchObject({ includeNoContract: false });
    expect(ruleFromForm(unticked, 'concentration').params).toEqual({ abovePercent: '40 %' });
  });
});

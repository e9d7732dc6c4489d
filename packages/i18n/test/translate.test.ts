import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, translate } from '../src/index.ts';

describe('translate', () => {
  it('fills placeholders and shows enum codes in the reader’s language', () => {
    expect(translate('en', 'notify.application_stage', { stage: 'onsite_inspection' })).toBe(
      'Your application moved to the stage: On-site inspection.',
    );
    expect(translate('zh-CN', 'notify.application_stage', { stage: 'onsite_inspection' })).toBe(
      '您的申请已进入阶段：现场考察。',
    );
    expect(translate('en', 'partner.welcome', { name: 'Zhang' })).toBe('Welcome, Zhang');
  });
  it('leaves unknown placeholders and unknown enum codes visible rather than blank', () => {
    expect(translate('en', 'partner.welcome')).toBe('Welcome, {name}');
    expect(translate('en', 'notify.application_stage', { stage: 'mystery' })).toContain('mystery');
  });
});

describe('locale negotiation', () => {
  it('picks the best supported language from Accept-Language, defaulting to Chinese', () => {
    expect(localeFromAcceptLanguage('en-GB,en;q=0.9,zh-CN;q=0.5')).toBe('en');
    expect(localeFromAcceptLanguage('zh-TW,zh;q=0.9')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('fr-FR,de;q=0.8')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('fr;q=1, en;q=0.2')).toBe('en');
    expect(localeFromAcceptLanguage(undefined)).toBe('zh-CN');
  });
});

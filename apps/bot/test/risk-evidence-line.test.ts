import { describe, expect, it } from 'vitest';
import { evidenceLine } from '../src/views/risk-alert.ts';

describe('the Slack card’s evidence line for the contract and concentration rules (decision 041)', () => {
  it('says the share of the category, in both languages', () => {
    const evidence = {
      serviceCategory: 'it',
      percent: 58.4,
      threshold: 50,
      partnerVolume: 91,
      categoryVolume: 156,
    };
    expect(evidenceLine(evidence, 'en')).toBe('58.4 % of IT services cases (91 of 156)');
    expect(evidenceLine(evidence, 'zh-CN')).toContain('58.4%');
  });

  it('says which contract ends when, or that none is in force', () => {
    const ending = { state: 'ending', reference: 'HT-2026-0007', endDate: '2027-01-16', daysLeft: 45 };
    expect(evidenceLine(ending, 'en')).toBe('Contract HT-2026-0007 ends Jan 16, 2027 (45 days left)');
    expect(evidenceLine(ending, 'zh-CN')).toBe('合同 HT-2026-0007 于 2027年1月16日 到期（还剩 45 天）');
    const expired = { ...ending, state: 'expired', daysLeft: -3 };
    expect(evidenceLine(expired, 'en')).toBe('Contract HT-2026-0007 ended Jan 16, 2027 (expired 3 days ago)');
    expect(evidenceLine({ state: 'none', serviceCategory: 'claims' }, 'en')).toBe(
      'No contract in force for Claims handling',
    );
  });
});

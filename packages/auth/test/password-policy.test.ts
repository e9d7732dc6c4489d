import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, isCommonPassword, MIN_PASSWORD_LENGTH } from '../src/password-policy.ts';

describe('password policy (decision record 042)', () => {
  it('wants at least 12 characters and no composition rules', () => {
    expect(MIN_PASSWORD_LENGTH).toBe(12);
    expect(checkPasswordPolicy('short-pass1')?.key).toBe('account.passwordTooShort');
    expect(checkPasswordPolicy('all lower case words')).toBeNull();
    expect(checkPasswordPolicy('x'.repeat(257))?.key).toBe('account.passwordTooLong');
  });
  it('refuses common and breached passwords, with the decorations people add', () => {
    for (const p of [
      'password1234',
      'Password123456!',
      'qwertyuiop12',
      '123qweasdzxc',
      'aaaaaaaaaaaa',
      'abcabcabcabc',
      'iloveyou2026!!',
    ])
      expect([p, checkPasswordPolicy(p)?.key]).toEqual([p, 'account.passwordCommon']);
    expect(isCommonPassword('1qaz2wsx3edc')).toBe(true);
  });
  it('lets the demo and test passwords through', () => {
    for (const p of [
      'outpost-demo-2026',
      'correct horse battery',
      'a long enough secret',
      'a brand new secret',
    ])
      expect(checkPasswordPolicy(p)).toBeNull();
  });
});

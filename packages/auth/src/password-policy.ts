import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * The password policy (decision record 042, NIST SP 800-63B §3.1.1.2): at least 12 characters,
 * at most 256, no composition rules, and not one that attackers try first. "Tried first" is
 * checked offline against the ~49,000 most common passwords of breach corpora that
 * @zxcvbn-ts/language-common ships (its `passwords-common` list), case-insensitively, also with
 * digits and symbols around it stripped ("Password123456!" is "password"), and against a
 * character or short pattern repeated ("aaaaaaaaaaaa", "abcabcabcabc") or a run of the keyboard
 * or the alphabet ("1234567890ab", "qwertyuiopas").
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

let common: Set<string> | undefined;
const commonPasswords = () => {
  common ??= new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  return common;
};

const sequences = [
  'abcdefghijklmnopqrstuvwxyz',
  '01234567890',
  'qwertyuiopasdfghjklzxcvbnm',
  '1qaz2wsx3edc4rfv',
];

function isRepeatedPattern(value: string): boolean {
  for (let size = 1; size <= 4; size++) {
    const unit = value.slice(0, size);
    if (unit.repeat(Math.ceil(value.length / size)).slice(0, value.length) === value) return true;
  }
  return false;
}

function isSequence(value: string): boolean {
  return sequences.some((run) => {
    const twice = run + run;
    const backwards = [...twice].reverse().join('');
    return twice.includes(value) || backwards.includes(value);
  });
}

/** Whether a password is one attackers try first (see above). */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower)) return true;
  // The word with the digits and symbols people add around it ("!Password2026" → "password").
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  if (core.length >= 4 && list.has(core)) return true;
  const compact = lower.replace(/[\s\W_]+/gu, '');
  return compact.length > 0 && (isRepeatedPattern(compact) || isSequence(compact) || list.has(compact));
}

export interface PasswordProblem {
  /** An i18n key (account.password*), with `min` / `max` as its parameters. */
  key: 'account.passwordTooShort' | 'account.passwordTooLong' | 'account.passwordCommon';
  message: string;
}

/** What is wrong with a new password, or null: the same rule everywhere a password is set. */
export function checkPasswordPolicy(password: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    return { key: 'account.passwordTooShort', message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` };
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return { key: 'account.passwordTooLong', message: `Use at most ${MAX_PASSWORD_LENGTH} characters.` };
  }
  if (isCommonPassword(password)) {
    return {
      key: 'account.passwordCommon',
      message:
        'This password is on the list of common or breached passwords that attackers try first; choose another, e.g. a few unrelated words.',
    };
  }
  return null;
}

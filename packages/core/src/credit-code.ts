import { AppError } from './errors.ts';

/** 统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character. */
const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function normaliseCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

/** The check character for the first 17 characters (used to make demo and test codes). */
export function creditCodeCheckCharacter(first17: string): string {
  const sum = [...first17.toUpperCase()].reduce(
    (acc, c, i) => acc + alphabet.indexOf(c) * (weights[i] as number),
    0,
  );
  return alphabet[(31 - (sum % 31)) % 31] as string;
}

/** Returns why the code is invalid, or null when it is valid (after normalising). */
export function creditCodeProblem(input: string): 'empty' | 'length' | 'character' | 'check' | null {
  const code = normaliseCreditCode(input);
  if (code.length === 0) return 'empty';
  if (code.length !== 18) return 'length';
  const values = [...code].map((c) => alphabet.indexOf(c));
  if (values.some((v) => v < 0)) return 'character';
  const sum = weights.reduce((acc, w, i) => acc + (values[i] as number) * w, 0);
  const check = (31 - (sum % 31)) % 31;
  return values[17] === check ? null : 'check';
}

export function isValidCreditCode(input: string): boolean {
  return creditCodeProblem(input) === null;
}

const explanations = {
  empty: 'The unified social credit code is required.',
  length: 'A unified social credit code has exactly 18 characters.',
  character: 'A unified social credit code uses only digits and the letters A–Y except I, O, S, V and Z.',
  check:
    'The last character of this unified social credit code does not match its check character; check for a typo.',
};

/** Normalises and validates, throwing a clear `invalid_credit_code` error. */
export function parseCreditCode(input: string): string {
  const problem = creditCodeProblem(input);
  if (problem) {
    throw new AppError('invalid_credit_code', explanations[problem], {
      messageKey: `errors.credit_code.${problem}`,
      details: { field: 'creditCode', problem },
    });
  }
  return normaliseCreditCode(input);
}

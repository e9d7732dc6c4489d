/**
 * The Legal Entity Identifier (ISO 17442): 20 characters, letters A–Z and digits, the last two
 * being check digits computed by ISO 7064 MOD 97-10 over the whole code (letters read as 10–35),
 * which leaves a remainder of 1 when the code is right (decision record 060).
 */
export type LeiProblem = 'length' | 'characters' | 'check_digits';

/** The remainder of the code read as a number (A = 10 … Z = 35) divided by 97, digit by digit. */
function mod97(code: string): number {
  let rest = 0;
  for (const ch of code) {
    const n = ch >= 'A' ? ch.charCodeAt(0) - 55 : Number(ch);
    rest = (rest * (n > 9 ? 100 : 10) + n) % 97;
  }
  return rest;
}

/** What is wrong with an LEI (already trimmed and upper-cased), or null when it is right. */
export function leiProblem(lei: string): LeiProblem | null {
  if (lei.length !== 20) return 'length';
  if (!/^[A-Z0-9]{18}[0-9]{2}$/.test(lei)) return 'characters';
  return mod97(lei) === 1 ? null : 'check_digits';
}

export const isValidLei = (lei: string) => leiProblem(lei) === null;

/** The two check digits that make the first 18 characters a valid LEI (for fixtures and the demo). */
export function leiCheckDigits(first18: string): string {
  return String(98 - mod97(`${first18}00`)).padStart(2, '0');
}

/** The English sentence API clients read for each problem. */
export const leiProblemMessage: Record<LeiProblem, string> = {
  length: 'An LEI has exactly 20 characters.',
  characters: 'An LEI has only letters A–Z and digits, and ends in two digits.',
  check_digits:
    'The LEI’s check digits (its last two) are wrong: the code is mistyped. Copy it from the GLEIF record.',
};

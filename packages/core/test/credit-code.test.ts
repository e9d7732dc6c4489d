import { describe, expect, it } from 'vitest';
import { creditCodeProblem, isValidCreditCode, parseCreditCode } from '../src/credit-code.ts';

// Vectors from shared/testdata/credit-codes.md (GB 32100-2015).
describe('unified social credit code', () => {
  it.each([
    '91440300708461136T',
    '91330100716105852F',
    '914403001922038216',
    '91110000100006485K',
    '91310000MA1FL1MMXL',
  ])('accepts the valid code %s', (code) => expect(isValidCreditCode(code)).toBe(true));

  it('normalises spaces and lower case before validating', () => {
    expect(parseCreditCode('  91440300708461136t ')).toBe('91440300708461136T');
  });

  it.each([
    ['91440300708461136A', 'check'],
    ['9144030070846113', 'length'],
    ['91440300708461136TX', 'length'],
    ['91440300708461I36T', 'character'],
    ['91440300708461O36T', 'character'],
    ['', 'empty'],
  ])('rejects %j (%s)', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
    expect(() => parseCreditCode(code)).toThrow(
      expect.objectContaining({ code: 'invalid_credit_code', status: 422 }),
    );
  });
});

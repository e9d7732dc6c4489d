import { clauseKinds, exitPossibilities, personalDataKinds, substitutabilities } from '@outpost/db';
import { expect, it } from 'vitest';
import {
  clauseKindCodes,
  exitPossibilityCodes,
  personalDataKindCodes,
  substitutabilityCodes,
} from '../app/lib/contracts/archive-codes';

it('repeats the schema’s clause kinds and register codes exactly', () => {
  expect(clauseKindCodes).toEqual(clauseKinds);
  expect(personalDataKindCodes).toEqual(personalDataKinds);
  expect(substitutabilityCodes).toEqual(substitutabilities);
  expect(exitPossibilityCodes).toEqual(exitPossibilities);
});

import { contractStatuses } from '@outpost/db';
import { expect, it } from 'vitest';
import { contractStatusCodes } from '../app/lib/contracts/contract-codes';

it('repeats the schema’s contract statuses exactly (the pages cannot import them from @outpost/db)', () => {
  expect(contractStatusCodes).toEqual(contractStatuses);
});

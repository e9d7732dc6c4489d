import { riskAlertStatuses, riskLevels, serviceCategories } from '@outpost/db';
import { expect, it } from 'vitest';
import { riskAlertStatusCodes, riskLevelCodes, serviceCategoryCodes } from '../app/lib/risk/risk-codes';

it('repeats the schema’s risk codes exactly (the pages cannot import them from @outpost/db)', () => {
  expect(riskLevelCodes).toEqual(riskLevels);
  expect(riskAlertStatusCodes).toEqual(riskAlertStatuses);
  expect(serviceCategoryCodes).toEqual(serviceCategories);
});

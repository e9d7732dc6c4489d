import { riskIncidentStatuses, riskPlanScenarios, riskTaskStatuses } from '@outpost/db';
import { expect, it } from 'vitest';
import {
  riskIncidentStatusCodes,
  riskPlanScenarioCodes,
  riskTaskStatusCodes,
} from '../app/lib/risk/incident-codes';

it('repeats the schema’s incident codes exactly (the pages cannot import them from @outpost/db)', () => {
  expect(riskIncidentStatusCodes).toEqual(riskIncidentStatuses);
  expect(riskTaskStatusCodes).toEqual(riskTaskStatuses);
  expect(riskPlanScenarioCodes).toEqual(riskPlanScenarios);
});

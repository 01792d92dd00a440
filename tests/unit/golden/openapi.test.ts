import { expect, it } from 'vitest';
import { servingFixture } from '../serving/fixture';
import { expectGolden, normaliseJson } from '../../golden/golden';

// The OpenAPI document a student reads at GET /api/v1/openapi.json (and the docs page shows),
// with one endpoint deployed, as normalised JSON (tests/golden/openapi.json).
it('the OpenAPI document of a deployed endpoint', async () => {
  const f = await servingFixture();
  await f.control.deploy('toy', { model: 'toy', strategy: 'single', version: 1 });
  const response = await f.call('GET', 'v1/openapi.json');
  expect(response.status).toBe(200);
  expectGolden('openapi.json', normaliseJson(response.body));
});

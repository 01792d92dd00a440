import { handlePredict } from '../src/api.js';

const valid = { distance_km: 3, hour: 10, weekday: 2, passenger_count: 1 };

describe('POST /predict', () => {
  test('a valid request is answered 200', () => {
    expect(handlePredict(valid).status).to.equal(200);
  });
});

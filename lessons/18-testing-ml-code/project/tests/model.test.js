import { predictDuration } from '../src/model.js';

const trip = { distance_km: 3, hour: 10, weekday: 2, passenger_count: 1 };

describe('predictDuration', () => {
  test('returns a number', () => {
    expect(predictDuration(trip)).to.be.a('number');
  });
});

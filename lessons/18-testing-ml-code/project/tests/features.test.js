import { haversine } from '../src/features.js';

// pytest: def test_zero_distance(): assert haversine(40.758, -73.9855, 40.758, -73.9855) == 0
describe('haversine', () => {
  test('a point is 0 km from itself', () => {
    expect(haversine(40.758, -73.9855, 40.758, -73.9855)).to.equal(0);
  });
});

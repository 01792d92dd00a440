import { haversine, isHighTraffic } from '../src/features.js';

describe('haversine', () => {
  test('a point is 0 km from itself', () => {
    expect(haversine(40.758, -73.9855, 40.758, -73.9855)).to.equal(0);
  });
  test('Times Square to JFK is about 21.8 km', () => {
    expect(haversine(40.758, -73.9855, 40.6413, -73.7781)).to.be.closeTo(21.77, 0.01);
  });
});

describe('isHighTraffic', () => {
  test.each([
    [7, 0, false],
    [8, 0, true],
    [19, 4, true],
    [20, 4, false],
    [13, 5, true],
    [12, 6, false],
  ])('hour %s on weekday %s', (hour, weekday, expected) => {
    expect(isHighTraffic(hour, weekday)).to.equal(expected);
  });
});

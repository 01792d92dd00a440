import trips from '../data/trips-sample.js';

// Great Expectations would call these expectations on a batch; here they are tests.
describe('the trips sample', () => {
  test('is not empty', () => {
    expect(trips).to.have.length.above(0);
  });
});

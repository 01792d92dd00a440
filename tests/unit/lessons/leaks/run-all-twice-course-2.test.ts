import { describe } from 'vitest';
import { runAllTwiceEach } from './run-all-twice-snapshot';

// The course's second half (the other is run-all-twice-course-1.test.ts): no lesson is left out.
describe('Run all twice leaves what one Run all leaves, in every lesson of the course', () => {
  runAllTwiceEach(1);
});

export { validate, type ValidationReport, type ExpectationResult } from './evaluate';
export { parseSuite, SuiteFormatError } from './parse';
export { suite, SuiteBuilder } from './builder';
export { assertValid, ValidationGateError } from './gate';
export {
  EXPECTATION_TYPES,
  type Expectation,
  type ExpectationSuite,
  type ExpectationType,
} from './schema';

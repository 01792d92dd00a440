export { runProjectTests } from './run-project-tests';
export { superviseTestRun, type SuperviseOptions, type TestSession } from './supervise';
export { isTestFile, isCoveredModule } from './test-files';
export { summarize } from './summary';
export * from './types';
export * from './mutants';

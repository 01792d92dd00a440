export {
  parsePipelineConfig,
  pipelineConfigSchema,
  PipelineConfigError,
  type ConfigProblem,
  type PipelineConfig,
} from './config';
export { configHash } from './hash';
export {
  runPipeline,
  STEPS,
  type PipelineResult,
  type PipelineServices,
  type RunOptions,
  type StepEvent,
  type StepName,
} from './run';
export { expandSweep, runQueued, type Range, type SweepSpec, type Trial } from './sweep';
export { rescoreRun, type Rescored } from './rescore';

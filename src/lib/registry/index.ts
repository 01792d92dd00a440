export { RegistryError, type RegistryErrorCode } from './errors';
export { predictorOf, rowsToMatrix, type Predictor } from './flavors';
export { memoryRegistryPort } from './memory-port';
export { modelCardMarkdown } from './model-card';
export {
  modelTestSchema,
  runModelTests,
  type InputRow,
  type ModelTest,
  type ModelTestReport,
  type ModelTestResult,
  type Predict,
} from './model-tests';
export { GATED_ALIASES, ModelRegistry, type RegisterOptions } from './registry';
export type {
  AliasGate,
  ColumnSpec,
  ModelVersion,
  RegisteredModel,
  RegistryPort,
  Signature,
} from './types';
export { parseModelUri, versionUri, type ModelUri } from './uri';
export { tfjsLayersFiles, tfjsLayersZip } from './tfjs-export';
export { addRegisteredModels } from './mlflow-models';

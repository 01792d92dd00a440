/** The prediction API: routing, validation, OpenAPI, deployments, request log (see README.md). */
export { scoreDataset, type BatchScore } from './batch-score';
export {
  MAX_BODY_BYTES,
  MAX_JSON_DEPTH,
  MAX_KEY_CHARS,
  MAX_OBJECT_KEYS,
  readJsonBody,
  scanJson,
  type BodyRefusal,
} from './body-limits';
export { DeploymentControl } from './control';
export { datetimeText, requestRow } from './dataset-rows';
export {
  deploymentSchema,
  deployedVersions,
  describeDeployment,
  primaryVersion,
  rollbackRulesSchema,
  route,
  stickyShare,
  type Deployment,
  type DeploymentInput,
  type RollbackRules,
  type Route,
  type Variant,
  type VariantName,
} from './deployment';
export type { DeploymentEvent, Endpoint, Fault, Pattern, RequestRecord } from './endpoint';
export { ServingError, type ValidationIssue } from './errors';
export { judgeCanary, readyToAdvance, type Verdict } from './guard';
export {
  fromRequest,
  SERVED_BY,
  toApiRequest,
  toResponse,
  type ApiRequest,
  type ApiResponse,
} from './http';
export {
  describeLogFailures,
  LogFailures,
  shareLogFailures,
  type LogFailureState,
} from './log-failures';
export { memoryServingPort } from './memory-port';
export { openApiDocument } from './openapi';
export type { RequestQuery, ServingPort } from './port';
export { ServingRouter, type RouterDeps } from './router';
export { apiRoute, matchRoute, ROUTES, type OperationName, type RouteSpec } from './routes';
export { statsOf, timeSeries, variantStats, type SeriesPoint, type VariantStats } from './stats';
export { filterRequests, requestsCsv, requestsJsonl, type RequestFilter } from './request-log';
export {
  MAX_RATE,
  simulateTraffic,
  simulationIssues,
  type SimulationDeps,
  type SimulationOptions,
  type SimulationProgress,
} from './simulator';
export { loadTest, type LoadTestOptions, type LoadTestResult } from './load-test';

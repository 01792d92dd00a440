export {
  alertRulesSchema,
  type Alert,
  type AlertKind,
  type AlertRules,
  type AlertRulesInput,
} from './alerts';
export {
  monitoredRequests,
  monitorTraffic,
  monitorWindows,
  type MonitorOptions,
  type Reference,
  type WindowReport,
} from './monitor';
export {
  buildReference,
  referenceForVersion,
  splitOfRun,
  trainingSplitOf,
  type ReferenceSource,
  type TrainingSplit,
} from './reference';
export { labelledTable, recentDataLineage, recentDataName } from './recent-data';
export {
  dashboardSettingsSchema,
  MAX_WINDOW,
  readDashboardSettings,
  windowIssues,
  type DashboardSettings,
} from './settings';
export {
  isStudentEndpoint,
  monitoredEntries,
  servedModel,
  type MonitoredEntry,
  type ServedModel,
  type ServedProblemCode,
  type ServedResult,
} from './served-model';

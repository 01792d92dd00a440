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
  type MonitorOptions,
  type Reference,
  type WindowReport,
} from './monitor';
<<<<<<< HEAD
export { buildReference } from './reference';
export { labelledTable, recentDataLineage } from './recent-data';
=======
export {
  buildReference,
  splitOfRun,
  trainingSplitOf,
  type ReferenceSource,
  type TrainingSplit,
} from './reference';
export { labelledTable } from './recent-data';
export {
  dashboardSettingsSchema,
  MAX_WINDOW,
  readDashboardSettings,
  windowIssues,
  type DashboardSettings,
} from './settings';
>>>>>>> wt-monitor

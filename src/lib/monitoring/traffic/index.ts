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
export { buildReference } from './reference';
export { labelledTable, recentDataLineage } from './recent-data';

import { z } from 'zod';

/** When a window raises an alert; each rule off when null. */
export const alertRulesSchema = z.strictObject({
  datasetDrift: z
    .boolean()
    .default(true)
    .describe('Alert when the window’s inputs drift as a dataset.'),
  predictionDrift: z
    .boolean()
    .default(true)
    .describe('Alert when the predictions’ distribution drifts.'),
  maeRatio: z
    .number()
    .positive()
    .nullable()
    .default(1.25)
    .describe('Alert when the MAE on labelled requests exceeds the reference MAE times this.'),
  minLabelled: z
    .number()
    .int()
    .positive()
    .default(20)
    .describe('Judge performance only with this many labels.'),
  p95Ms: z
    .number()
    .positive()
    .nullable()
    .default(250)
    .describe('Alert when latency p95 exceeds this (ms).'),
  errorRate: z
    .number()
    .min(0)
    .max(1)
    .nullable()
    .default(0.05)
    .describe('Alert when more requests fail.'),
  minThroughput: z
    .number()
    .positive()
    .nullable()
    .default(null)
    .describe('Alert when fewer requests per second arrive (traffic dropped: a caller is down?).'),
});
export type AlertRules = z.infer<typeof alertRulesSchema>;
export type AlertRulesInput = z.input<typeof alertRulesSchema>;

export type AlertKind =
  'data-drift' | 'prediction-drift' | 'performance' | 'latency' | 'errors' | 'throughput';

export interface Alert {
  window: number;
  /** When the window ended (epoch ms). */
  at: number;
  kind: AlertKind;
  /** Statistical monitoring watches the model's data and quality; computational, the service. */
  family: 'statistical' | 'computational';
  message: string;
}

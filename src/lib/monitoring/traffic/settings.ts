import { z } from 'zod';

/** Largest window the monitoring worker accepts (requests). */
export const MAX_WINDOW = 100_000;
/** Requests per window when nobody chose: enough for drift tests to have power, few to wait for. */
export const DEFAULT_WINDOW = 100;

/**
 * A monitoring dashboard's settings as saved in the workspace: read back through this schema,
 * so a setting saved by an older version (or edited by hand) falls back to its default alone.
 */
export const dashboardSettingsSchema = z.object({
  windowSize: z.number().int().min(2).max(MAX_WINDOW).catch(DEFAULT_WINDOW),
  /** Requests between window starts; null: the window size (windows side by side). */
  step: z.number().int().min(1).max(MAX_WINDOW).nullable().catch(null),
  labelsAsOf: z.enum(['now', 'before-end']).catch('now'),
  beforeEndS: z.number().min(0).catch(0),
  /** The alert-rule form as typed (numbers as text, '' = off); values of another type dropped. */
  rules: z
    .record(z.string(), z.unknown())
    .transform(
      (rules) =>
        Object.fromEntries(
          Object.entries(rules).filter(([, v]) => typeof v === 'boolean' || typeof v === 'string'),
        ) as Record<string, boolean | string>,
    )
    .catch({}),
  auto: z.boolean().catch(true),
});
export type DashboardSettings = z.infer<typeof dashboardSettingsSchema>;

export function readDashboardSettings(stored: unknown): DashboardSettings {
  return dashboardSettingsSchema.parse(typeof stored === 'object' && stored !== null ? stored : {});
}

/** What is wrong with a window size and slide-by step, or null when both are usable. */
export function windowIssues(
  windowSize: number,
  step: number,
): { windowSize?: string; step?: string } | null {
  const issues: { windowSize?: string; step?: string } = {};
  if (!Number.isInteger(windowSize) || windowSize < 2 || windowSize > MAX_WINDOW)
    issues.windowSize = `a whole number from 2 to ${MAX_WINDOW.toLocaleString('en')}`;
  if (!Number.isInteger(step) || step < 1) issues.step = 'a whole number of requests, 1 or more';
  else if (!issues.windowSize && step > windowSize)
    issues.step = `at most the window size (${windowSize}): larger would skip requests`;
  return issues.windowSize || issues.step ? issues : null;
}

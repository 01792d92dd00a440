import { z } from 'zod';
import { DEFAULT_WINDOW, MAX_WINDOW, windowIssues } from '../monitoring/traffic/settings';
import { CRISP_PHASES, MATURITY_PRACTICES, SHORTCUT_GROUPS } from './options';

export * from './options';

/**
 * Widgets a lesson can embed, by name, with the schema of their options. Pure (no Svelte), so the
 * lesson parser validates options at build time; `src/widgets/index.ts` maps names to components.
 */
export const widgetRegistry = {
  'lifecycle-explorer': {
    description:
      'The CRISP-ML(Q) phases as a clickable cycle: tasks, quality-assurance risks and course tools per phase.',
    options: z
      .strictObject({
        highlight: z
          .enum(CRISP_PHASES)
          .optional()
          .describe('Phase selected when the widget opens. Default: the first phase.'),
      })
      .describe('Options of the lifecycle-explorer widget.'),
  },
  'maturity-levels': {
    description:
      "Google's MLOps maturity levels 0–2 side by side: tick practices and see the level they amount to.",
    options: z
      .strictObject({
        practices: z
          .array(z.enum(MATURITY_PRACTICES))
          .optional()
          .describe('Practices ticked when the widget opens. Default: none (level 0).'),
      })
      .describe('Options of the maturity-levels widget.'),
  },
  'keyboard-shortcuts': {
    description:
      "The notebook's keyboard shortcuts, with a practice area that names any shortcut you press.",
    options: z
      .strictObject({
        groups: z
          .array(z.enum(SHORTCUT_GROUPS))
          .min(1)
          .optional()
          .describe('Which groups of shortcuts to list. Default: all.'),
      })
      .describe('Options of the keyboard-shortcuts widget.'),
  },
  'canary-control': {
    description:
      "Steer one endpoint's canary: the traffic share slider, the next ramp step, rollback and promotion, live per-variant figures and the deployment timeline.",
    options: z
      .strictObject({
        endpoint: z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,62}$/)
          .describe('The endpoint whose canary the widget steers, e.g. "diabetes".'),
      })
      .describe('Options of the canary-control widget.'),
  },
  'api-try-it': {
    description:
      "Send a request to one endpoint's prediction API from the page: the body's fields, an editable example, the answer with status, latency and who answered.",
    options: z
      .strictObject({
        endpoint: z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,62}$/)
          .describe('The endpoint to call, e.g. "diabetes".'),
        path: z
          .string()
          .optional()
          .describe(
            'The operation, as in the API docs (e.g. "v1/models/diabetes/invocations"). Default: the endpoint\'s predict.',
          ),
      })
      .describe('Options of the api-try-it widget.'),
  },
  'drift-monitor': {
    description:
      "One endpoint's monitoring, compact: input drift per window and per feature, prediction drift, the error once labels arrive, latency, errors and the alerts raised.",
    options: z
      .strictObject({
        endpoint: z
          .string()
          .regex(/^[a-z][a-z0-9-]{0,62}$/)
          .describe('The endpoint whose traffic is monitored, e.g. "diabetes-monitored".'),
        windowSize: z
          .number()
          .int()
          .min(2)
          .max(MAX_WINDOW)
          .optional()
          .describe('Requests per monitored window. Default: 100.'),
        step: z
          .number()
          .int()
          .min(1)
          .max(MAX_WINDOW)
          .optional()
          .describe(
            'Requests between window starts; smaller than windowSize makes windows overlap. Default: windowSize.',
          ),
      })
      // The dashboard's own rule (a step past the window would skip requests), told at build time.
      .superRefine((o, ctx) => {
        const issues = windowIssues(
          o.windowSize ?? DEFAULT_WINDOW,
          o.step ?? o.windowSize ?? DEFAULT_WINDOW,
        );
        if (issues?.step)
          ctx.addIssue({ code: 'custom', path: ['step'], message: `step must be ${issues.step}` });
      })
      .describe('Options of the drift-monitor widget.'),
  },
} as const satisfies Record<string, { description: string; options: z.ZodType }>;

export type WidgetName = keyof typeof widgetRegistry;
export type WidgetOptions<N extends WidgetName> = z.infer<(typeof widgetRegistry)[N]['options']>;
export const widgetNames = Object.keys(widgetRegistry) as WidgetName[];

export function isWidgetName(name: string): name is WidgetName {
  return Object.hasOwn(widgetRegistry, name);
}

export type WidgetOptionsResult =
  | { ok: true; options: Record<string, unknown> }
  | { ok: false; issues: { path: PropertyKey[]; message: string }[] };

/** Validates a known widget's options against its schema. */
export function validateWidgetOptions(name: WidgetName, options: unknown): WidgetOptionsResult {
  const parsed = widgetRegistry[name].options.safeParse(options);
  if (parsed.success) return { ok: true, options: parsed.data as Record<string, unknown> };
  return {
    ok: false,
    issues: parsed.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            path: [...issue.path, key],
            message: `unknown option; expected one of: ${Object.keys(widgetRegistry[name].options.shape).join(', ')}`,
          }))
        : [{ path: issue.path, message: issue.message }],
    ),
  };
}

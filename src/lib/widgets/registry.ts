import { z } from 'zod';

export const CRISP_PHASES = [
  'business-data-understanding',
  'data-engineering',
  'model-engineering',
  'evaluation',
  'deployment',
  'monitoring',
] as const;

/**
 * Widgets a lesson can embed, by name, with the schema of their options. Pure (no Svelte), so the
 * lesson parser validates options at build time; `src/widgets/index.ts` maps names to components.
 */
export const widgetRegistry = {
  'lifecycle-explorer': {
    description:
      'The CRISP-ML(Q) phases as a clickable cycle: tasks, quality risks and tools per phase.',
    options: z
      .object({
        highlight: z
          .enum(CRISP_PHASES)
          .optional()
          .describe('Phase selected when the widget opens.'),
      })
      .strict(),
  },
  'maturity-levels': {
    description: 'MLOps maturity levels 0–2: toggle practices and see which level they amount to.',
    options: z
      .object({
        practices: z
          .array(z.string())
          .optional()
          .describe('Practices ticked when the widget opens (ids from the widget).'),
      })
      .strict(),
  },
} as const;

export type WidgetName = keyof typeof widgetRegistry;
export const widgetNames = Object.keys(widgetRegistry) as WidgetName[];

export function isWidgetName(name: string): name is WidgetName {
  return Object.hasOwn(widgetRegistry, name);
}

export type WidgetCheck =
  { ok: true; options: Record<string, unknown> } | { ok: false; code: string; message: string };

export function validateWidget(name: string, options: Record<string, unknown>): WidgetCheck {
  if (!isWidgetName(name)) {
    return {
      ok: false,
      code: 'LESSON_UNKNOWN_WIDGET',
      message: `Unknown widget "${name}". Available widgets: ${widgetNames.join(', ')}.`,
    };
  }
  const parsed = widgetRegistry[name].options.safeParse(options);
  if (parsed.success) return { ok: true, options: parsed.data as Record<string, unknown> };
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length ? `option "${issue.path.join('.')}"` : 'options';
  return {
    ok: false,
    code: 'LESSON_BAD_WIDGET_OPTIONS',
    message: `Widget "${name}", ${where}: ${issue.message}.`,
  };
}

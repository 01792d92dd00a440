import { isWidgetName, validateWidgetOptions, widgetNames } from '../widgets/registry';
import { didYouMean, formatPath, lessonError } from './errors';
import type { LessonError } from './types';
import { mergedItemErrors, parseYamlSource } from './yaml-source';

/**
 * A ```widget name fence: its YAML body holds the options, validated against the widget's schema.
 * `line` is the fence line; errors point at the offending option's line when there is one.
 */
export function readWidget(
  name: string,
  body: string,
  file: string,
  line: number,
  nameColumn: number,
): { options: Record<string, unknown>; errors: LessonError[] } {
  if (!isWidgetName(name)) {
    return {
      options: {},
      errors: [
        lessonError(
          file,
          line,
          'LESSON_UNKNOWN_WIDGET',
          `Unknown widget "${name}".${didYouMean(name, widgetNames)} Available widgets: ${widgetNames.join(', ')}.`,
          nameColumn,
        ),
      ],
    };
  }
  const yaml = parseYamlSource(body);
  if (yaml.errors.length > 0) {
    return {
      options: {},
      errors: yaml.errors.map((e) =>
        lessonError(
          file,
          line + e.line,
          'LESSON_BAD_WIDGET_OPTIONS',
          `Options of widget "${name}" are not valid YAML: ${e.message}`,
          e.column,
        ),
      ),
    };
  }
  const value = yaml.value ?? {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    return {
      options: {},
      errors: [
        lessonError(
          file,
          line + 1,
          'LESSON_BAD_WIDGET_OPTIONS',
          `Options of widget "${name}" are a YAML mapping (\`option: value\` lines), not a list or a value.`,
        ),
      ],
    };
  }
  const merged = mergedItemErrors(yaml, file, line);
  if (merged.length > 0) return { options: {}, errors: merged };
  const result = validateWidgetOptions(name, value);
  if (result.ok) return { options: result.options, errors: [] };
  return {
    options: {},
    errors: result.issues.map((issue) => {
      const at = issue.path.length === 1 ? yaml.keyLine([], String(issue.path[0])) : 0;
      const optionLine = at || yaml.lineOf(issue.path);
      return lessonError(
        file,
        optionLine ? line + optionLine : line,
        'LESSON_BAD_WIDGET_OPTIONS',
        `Widget "${name}", option "${formatPath(issue.path) || '(all)'}": ${issue.message}.${valueHint(value, issue)}`,
      );
    }),
  };
}

/**
 * " Did you mean …?" for a misspelt option value: the allowed values are the quoted ones of zod's
 * "expected one of" message, the bad value is the one at the issue's path.
 */
function valueHint(options: object, issue: { path: PropertyKey[]; message: string }): string {
  const given = issue.path.reduce<unknown>(
    (at, key) => (at && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : at),
    options,
  );
  if (typeof given !== 'string' || !/one of/.test(issue.message)) return '';
  const allowed = [...issue.message.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  return didYouMean(given, allowed);
}

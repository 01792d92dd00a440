import { parse as parseYaml } from 'yaml';
import { lessonError } from './errors';
import { FENCE_OPTIONS, parseFenceInfo } from './fences';
import { parseFrontmatter, splitFrontmatter } from './frontmatter';
import { markdownParser } from './markdown';
import { validateWidget } from '../widgets/registry';
import type { Block, LessonError, ParseResult } from './types';

type Token = ReturnType<typeof markdownParser.parse>[number];

/** `lessons/NN-slug/lesson.md` → order and slug. */
export function lessonFolder(file: string): { order: number; slug: string } | null {
  const m = /(?:^|\/)(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\/lesson\.md$/.exec(file);
  return m ? { order: Number(m[1]), slug: m[2]! } : null;
}

/** The one lesson parser: frontmatter + Markdown with cell, exercise, check and widget fences. */
export function parseLesson(source: string, file: string): ParseResult {
  const split = splitFrontmatter(source, file);
  if ('code' in split) return { ok: false, errors: [split] };
  const meta = parseFrontmatter(split.yaml, file);
  const errors: LessonError[] = Array.isArray(meta) ? [...meta] : [];
  const blocks = parseBody(split.body, split.bodyLine, file, errors);
  const folder = lessonFolder(file) ?? { order: 0, slug: '' };
  if (errors.length > 0 || Array.isArray(meta)) return { ok: false, errors };
  const exercises = blocks.filter((b) => b.kind === 'exercise').length;
  return { ok: true, lesson: { meta: { ...meta, ...folder, path: file, exercises }, blocks } };
}

function parseBody(body: string, firstLine: number, file: string, errors: LessonError[]): Block[] {
  const tokens = markdownParser.parse(body, {});
  const blocks: Block[] = [];
  const ids = new Map<string, number>();
  const checks: { target: string; source: string; hint: string; line: number }[] = [];
  let prose: Token[] = [];
  let codeCount = 0;

  const flushProse = () => {
    if (prose.length === 0) return;
    const html = markdownParser.renderer.render(prose, markdownParser.options, {});
    blocks.push({ kind: 'markdown', html });
    prose = [];
  };
  const claimId = (id: string, line: number) => {
    const seen = ids.get(id);
    if (seen !== undefined) {
      errors.push(
        lessonError(
          file,
          line,
          'LESSON_DUPLICATE_ID',
          `The id "${id}" is already used on line ${seen}. Ids must be unique within a lesson.`,
        ),
      );
    } else ids.set(id, line);
  };

  for (const token of tokens) {
    const info = token.type === 'fence' ? parseFenceInfo(token.info) : null;
    if (!info || (!('error' in info) && info.kind === 'static')) {
      prose.push(token);
      continue;
    }
    const line = firstLine + (token.map?.[0] ?? 0);
    if ('error' in info) {
      errors.push(
        lessonError(
          file,
          line,
          'LESSON_BAD_FENCE',
          `Cannot read the fence line "${token.info}": ${info.error}.`,
        ),
      );
      continue;
    }
    flushProse();
    const unknown = Object.keys(info.options).filter((k) => !FENCE_OPTIONS[info.kind].includes(k));
    for (const key of unknown) {
      const allowed = FENCE_OPTIONS[info.kind];
      errors.push(
        lessonError(
          file,
          line,
          'LESSON_UNKNOWN_OPTION',
          `Unknown option "${key}" on a ${info.kind} fence. ${allowed.length ? `Allowed: ${allowed.join(', ')}.` : 'It takes no options.'}`,
        ),
      );
    }
    const source = token.content.replace(/\n$/, '');
    const o = info.options;
    switch (info.kind) {
      case 'code': {
        const id = o.id ?? `cell-${++codeCount}`;
        if (o.id) codeCount++;
        claimId(id, line);
        blocks.push({ kind: 'code', id, source, line });
        break;
      }
      case 'setup':
        blocks.push({ kind: 'setup', id: `setup-${line}`, source, line });
        break;
      case 'exercise': {
        if (!o.id || !o.title) {
          errors.push(
            lessonError(
              file,
              line,
              'LESSON_EXERCISE_OPTIONS',
              'An exercise fence needs an id and a title: ```js exercise id=mean-age title="Average age"',
            ),
          );
          break;
        }
        claimId(o.id, line);
        blocks.push({
          kind: 'exercise',
          id: o.id,
          title: o.title,
          source,
          check: '',
          hint: '',
          line,
        });
        break;
      }
      case 'check':
        if (!o.for)
          errors.push(
            lessonError(
              file,
              line,
              'LESSON_CHECK_OPTIONS',
              'A check fence names its exercise: ```js check for=mean-age hint="…"',
            ),
          );
        else
          checks.push({
            target: o.for,
            source,
            hint: o.hint ?? 'Not quite: read the exercise again.',
            line,
          });
        break;
      case 'widget': {
        const options = parseWidgetOptions(source, file, line, errors);
        const result = validateWidget(info.widget!, options ?? {});
        if (!result.ok) errors.push(lessonError(file, line, result.code, result.message));
        const id = o.id ?? `widget-${line}`;
        claimId(id, line);
        blocks.push({
          kind: 'widget',
          id,
          name: info.widget!,
          options: result.ok ? result.options : {},
          line,
        });
        break;
      }
    }
  }
  flushProse();
  attachChecks(blocks, checks, file, errors);
  return blocks;
}

function parseWidgetOptions(source: string, file: string, line: number, errors: LessonError[]) {
  if (source.trim() === '') return {};
  try {
    const value: unknown = parseYaml(source);
    if (value && typeof value === 'object' && !Array.isArray(value))
      return value as Record<string, unknown>;
    errors.push(
      lessonError(
        file,
        line + 1,
        'LESSON_BAD_WIDGET_OPTIONS',
        'Widget options are a YAML mapping (key: value lines).',
      ),
    );
  } catch (error) {
    errors.push(
      lessonError(
        file,
        line + 1,
        'LESSON_BAD_WIDGET_OPTIONS',
        `Widget options are not valid YAML: ${(error as Error).message.split('\n')[0]}`,
      ),
    );
  }
  return null;
}

function attachChecks(
  blocks: Block[],
  checks: { target: string; source: string; hint: string; line: number }[],
  file: string,
  errors: LessonError[],
) {
  for (const check of checks) {
    const exercise = blocks.find((b) => b.kind === 'exercise' && b.id === check.target);
    if (!exercise || exercise.kind !== 'exercise') {
      errors.push(
        lessonError(
          file,
          check.line,
          'LESSON_CHECK_UNKNOWN_EXERCISE',
          `This check is for "${check.target}", but no exercise has that id.`,
        ),
      );
    } else if (exercise.check) {
      errors.push(
        lessonError(
          file,
          check.line,
          'LESSON_DUPLICATE_CHECK',
          `Exercise "${check.target}" already has a check (line ${exercise.line}); keep one.`,
        ),
      );
    } else {
      exercise.check = check.source;
      exercise.hint = check.hint;
    }
  }
  for (const block of blocks) {
    if (block.kind === 'exercise' && !block.check) {
      errors.push(
        lessonError(
          file,
          block.line,
          'LESSON_EXERCISE_WITHOUT_CHECK',
          `Exercise "${block.id}" has no check. Add a \`\`\`js check for=${block.id} block after it.`,
        ),
      );
    }
  }
}

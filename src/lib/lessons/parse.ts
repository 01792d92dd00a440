import { lessonError } from './errors';
import { attachParts, readPoints, readSolutionAfter, type PendingPart } from './exercises';
import { FENCE_OPTIONS, parseFenceInfo, type FenceInfo } from './fences';
import { parseFrontmatter, splitFrontmatter } from './frontmatter';
import { markdownParser, renderTokens, type MarkdownToken } from './markdown';
import { rewriteLinks, type LinkContext } from './links';
import { syntaxError } from './syntax';
import type { Block, LessonError, ParseResult } from './types';
import { readWidget } from './widget-block';

/** `…/NN-slug/lesson.md` → order and slug; null when the path does not have that shape. */
export function lessonFolder(file: string): { order: number; slug: string } | null {
  const m = /(?:^|[\\/])(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)[\\/]lesson\.md$/.exec(file);
  return m ? { order: Number(m[1]), slug: m[2]! } : null;
}

/**
 * The one lesson parser: frontmatter + Markdown with cell, exercise, check, solution, hint and
 * widget fences.
 */
export function parseLesson(source: string, file: string, context: LinkContext = {}): ParseResult {
  const split = splitFrontmatter(source, file);
  if ('code' in split) return { ok: false, errors: [split] };
  const meta = parseFrontmatter(split.yaml, file);
  const errors: LessonError[] = Array.isArray(meta) ? [...meta] : [];
  const body = new BodyParser(file, split.bodyLine, split.body.split(/\r?\n/), errors, context);
  const blocks = body.parse(split.body);
  if (Array.isArray(meta) || errors.length > 0) {
    errors.sort((a, b) => a.line - b.line || a.column - b.column);
    return { ok: false, errors };
  }
  const folder = lessonFolder(file) ?? { order: 0, slug: meta.id };
  const exercises = blocks.filter((b) => b.kind === 'exercise').length;
  const lesson = { meta: { ...meta, ...folder, path: file, exercises }, blocks };
  return {
    ok: true,
    lesson: body.assets.size > 0 ? { ...lesson, assets: [...body.assets].sort() } : lesson,
  };
}

class BodyParser {
  readonly blocks: Block[] = [];
  readonly #ids = new Map<string, number>();
  readonly #parts: PendingPart[] = [];
  readonly #count = { code: 0, setup: 0, widget: 0 };
  /** Files beside lesson.md that the prose links to or shows. */
  readonly assets = new Set<string>();
  #prose: MarkdownToken[] = [];

  constructor(
    readonly file: string,
    readonly firstLine: number,
    readonly lines: string[],
    readonly errors: LessonError[],
    readonly context: LinkContext,
  ) {}

  parse(body: string): Block[] {
    for (const token of markdownParser.parse(body, {})) {
      const info = token.type === 'fence' ? parseFenceInfo(token.info) : null;
      if (!info || ('kind' in info && info.kind === 'static')) this.#prose.push(token);
      else this.#fence(token, info);
    }
    this.#flush();
    attachParts(this.blocks, this.#parts, this.file, this.errors, {
      context: this.context,
      assets: this.assets,
    });
    return this.blocks;
  }

  #flush() {
    if (this.#prose.length > 0) {
      const site = { file: this.file, firstLine: this.firstLine, lines: this.lines };
      const links = rewriteLinks(this.#prose, site, this.context);
      this.errors.push(...links.errors);
      for (const asset of links.assets) this.assets.add(asset);
      this.blocks.push({ kind: 'markdown', html: renderTokens(this.#prose) });
    }
    this.#prose = [];
  }

  /** 1-based column in the file of `offset` in the fence's info string. */
  #column(index: number, offset: number): number {
    const text = this.lines[index] ?? '';
    const fence = /^\s*(`{3,}|~{3,})/.exec(text);
    return (fence ? fence[0].length : 0) + offset + 1;
  }

  #error(line: number, code: Parameters<typeof lessonError>[2], message: string, column = 1) {
    this.errors.push(lessonError(this.file, line, code, message, column));
  }

  #fence(token: MarkdownToken, info: FenceInfo | { error: string; offset: number }) {
    const index = token.map?.[0] ?? 0;
    const line = this.firstLine + index;
    if ('error' in info) {
      this.#error(
        line,
        'LESSON_BAD_FENCE',
        `Cannot read the fence line "${token.info}": ${info.error}.`,
        this.#column(index, info.offset),
      );
      return;
    }
    if (token.level > 0) {
      this.#error(
        line,
        'LESSON_NESTED_FENCE',
        `A ${info.kind} block must stand on its own, not inside a list or a quote. Move it out and unindent it.`,
      );
      return;
    }
    const allowed = FENCE_OPTIONS[info.kind];
    for (const [key, { offset }] of Object.entries(info.options)) {
      if (allowed.includes(key)) continue;
      this.#error(
        line,
        'LESSON_UNKNOWN_OPTION',
        `Unknown option "${key}" on a ${info.kind} fence. ${allowed.length ? `Allowed: ${allowed.join(', ')}.` : 'This kind of fence takes no options.'}`,
        this.#column(index, offset),
      );
    }
    this.#flush();
    const source = token.content.replace(/\n$/, '');
    if (info.kind !== 'widget' && info.kind !== 'hint' && info.kind !== 'hidden-check')
      this.#checkSyntax(source, line, info.kind === 'check' ? 'check' : info.kind);
    this.#block(info, source, line, index);
  }

  #checkSyntax(source: string, line: number, kind: string) {
    const error = syntaxError(source, kind === 'check' ? 'check' : 'cell');
    const what = kind === 'check' || kind === 'solution' ? kind : 'cell';
    if (error)
      this.#error(
        line + error.line,
        'LESSON_SYNTAX_ERROR',
        `This ${what} is not valid JavaScript: ${error.message}.`,
        error.column,
      );
  }

  #claim(id: string, line: number) {
    const seen = this.#ids.get(id);
    if (seen === undefined) this.#ids.set(id, line);
    else
      this.#error(
        line,
        'LESSON_DUPLICATE_ID',
        `The id "${id}" is already used on line ${seen}. Ids must be unique within a lesson.`,
      );
  }

  #part(
    kind: PendingPart['kind'],
    target: string | undefined,
    source: string,
    line: number,
    hint?: string,
  ) {
    const example = {
      check: '```js check for=mean-age hint="…"',
      solution: '```js solution for=mean-age',
      hint: '```md hint for=mean-age',
    }[kind];
    const code = (
      {
        check: 'LESSON_CHECK_OPTIONS',
        solution: 'LESSON_SOLUTION_OPTIONS',
        hint: 'LESSON_HINT_OPTIONS',
      } as const
    )[kind];
    if (!target) this.#error(line, code, `A ${kind} names its exercise: ${example}`);
    else if (kind === 'hint' && source.trim() === '')
      this.#error(
        line,
        'LESSON_EMPTY_HINT',
        `This hint for "${target}" is empty. Write the hint inside the fence, or delete it.`,
      );
    else this.#parts.push({ kind, target, source, line, ...(hint === undefined ? {} : { hint }) });
  }

  #block(info: FenceInfo, source: string, line: number, index: number) {
    const o = (key: string) => info.options[key]?.value;
    switch (info.kind) {
      case 'code': {
        const id = o('id') ?? `cell-${this.#count.code + 1}`;
        this.#count.code++;
        this.#claim(id, line);
        this.blocks.push({ kind: 'code', id, source, line });
        return;
      }
      case 'setup': {
        const id = `setup-${++this.#count.setup}`;
        this.#claim(id, line);
        this.blocks.push({ kind: 'setup', id, source, line });
        return;
      }
      case 'exercise': {
        const id = o('id');
        const title = o('title')?.trim() ?? '';
        if (!id || !title)
          this.#error(
            line,
            'LESSON_EXERCISE_OPTIONS',
            `An exercise needs ${!id ? 'an id' : ''}${!id && !title ? ' and ' : ''}${!title ? 'a title' : ''}: \`\`\`js exercise id=mean-age title="Average age"`,
          );
        const after = readSolutionAfter(o('solution-after'));
        if (after !== null && typeof after === 'object')
          this.#error(
            line,
            'LESSON_BAD_SOLUTION_AFTER',
            after.error,
            this.#column(index, info.options['solution-after']!.offset),
          );
        const points = readPoints(o('points'));
        if (typeof points === 'object')
          this.#error(
            line,
            'LESSON_BAD_POINTS',
            points.error,
            this.#column(index, info.options['points']!.offset),
          );
        if (!id) return;
        this.#claim(id, line);
        const solutionAfter = typeof after === 'object' ? null : after;
        const exercise = {
          ...{ id, title, source, check: '', hints: [], solution: '', solutionAfter },
          points: typeof points === 'object' ? 0 : points,
        };
        this.blocks.push({ kind: 'exercise', ...exercise, line });
        return;
      }
      case 'check':
      case 'solution':
      case 'hint':
        this.#part(info.kind, o('for'), source, line, o('hint'));
        return;
      case 'hidden-check':
        // lesson.md ships to every student; a hidden check here would be neither hidden nor run.
        this.#error(
          line,
          'LESSON_HIDDEN_CHECK_IN_LESSON',
          `A hidden check cannot be in lesson.md, which every student downloads. Move it to the instructor's grading pack, grading/<lesson-id>.md (docs/grading.md), which you import on the Gradebook page.`,
        );
        return;
      case 'widget': {
        const name = info.widget!;
        const text = this.lines[index] ?? '';
        const column = text.indexOf(name, text.indexOf('widget') + 'widget'.length) + 1;
        const { options, errors } = readWidget(name, source, this.file, line, column);
        this.errors.push(...errors);
        const id = o('id') ?? `widget-${this.#count.widget + 1}`;
        this.#count.widget++;
        this.#claim(id, line);
        this.blocks.push({ kind: 'widget', id, name, options, line });
        return;
      }
    }
  }
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatLessonError, parseLesson, type Block } from '../../../src/lib/lessons';

const FIXTURES = 'tests/fixtures/lessons';
const read = (path: string) => readFileSync(`${FIXTURES}/${path}`, 'utf8');

function parseFixture(path: string) {
  return parseLesson(read(path), `${FIXTURES}/${path}`);
}

function errorsOf(path: string) {
  const result = parseFixture(path);
  if (result.ok) throw new Error(`expected ${path} to have errors`);
  return result.errors;
}

describe('parseLesson on a valid lesson', () => {
  const result = parseFixture('valid/01-every-block/lesson.md');
  if (!result.ok) throw new Error(result.errors.map(formatLessonError).join('\n'));
  const { meta, blocks } = result.lesson;
  const byKind = <K extends Block['kind']>(kind: K) =>
    blocks.filter((b): b is Extract<Block, { kind: K }> => b.kind === kind);

  it('reads the frontmatter, applies defaults and takes order and slug from the folder', () => {
    expect(meta).toEqual({
      id: 'every-block',
      title: 'Every block',
      summary: 'One of each kind of block.',
      objectives: ['Parse every block kind'],
      datasets: ['nyc-taxi'],
      minutes: 10,
      prerequisites: [],
      order: 1,
      slug: 'every-block',
      path: `${FIXTURES}/valid/01-every-block/lesson.md`,
      exercises: 1,
    });
  });

  it('keeps blocks in page order, prose between them as Markdown', () => {
    expect(blocks.map((b) => b.kind)).toEqual([
      'markdown',
      'code',
      'code',
      'setup',
      'exercise',
      'markdown',
      'widget',
      'widget',
      'markdown',
      'code',
    ]);
  });

  it('gives code cells their id or cell-N (N counts code cells), with 1-based fence lines', () => {
    expect(byKind('code')).toEqual([
      { kind: 'code', id: 'load-data', source: 'const x = 1;\nx;', line: 15 },
      { kind: 'code', id: 'cell-2', source: 'const second = 2;', line: 20 },
      { kind: 'code', id: 'cell-3', source: 'const third = 3;', line: 53 },
    ]);
    expect(byKind('setup')).toEqual([
      { kind: 'setup', id: 'setup-1', source: 'const hidden = 3;', line: 24 },
    ]);
  });

  it('joins an exercise with the check that follows it', () => {
    expect(byKind('exercise')).toEqual([
      {
        kind: 'exercise',
        id: 'mean-age',
        title: 'Average age',
        source: 'const y = 0;',
        check:
          "expect(typeof y === 'number', 'Define y.');\nreturn y === (await Promise.resolve(1));",
        hints: [
          '<p>Use aq.op.mean.</p>',
          '<p>A <strong>mean</strong> is a sum divided by a count.</p>\n',
        ],
        solution: 'const y = 1;',
        solutionAfter: 2,
        points: 1,
        line: 28,
      },
    ]);
  });

  it('validates widget options and keeps them', () => {
    expect(byKind('widget')).toEqual([
      {
        kind: 'widget',
        id: 'widget-1',
        name: 'lifecycle-explorer',
        options: { highlight: 'deployment' },
        line: 39,
      },
      {
        kind: 'widget',
        id: 'levels',
        name: 'maturity-levels',
        options: { practices: ['automated-pipeline', 'continuous-training'] },
        line: 43,
      },
    ]);
  });

  it('renders other fences as static code and linkifies URLs', () => {
    const html = byKind('markdown')
      .map((b) => b.html)
      .join('');
    expect(html).toContain('<pre><code class="language-sql">SELECT 1\n</code></pre>');
    expect(html).toContain('<a href="https://example.org">https://example.org</a>');
    expect(html).toContain('<h1>Hello</h1>');
  });
});

describe('parseLesson errors: one fixture each, with code and line', () => {
  it.each([
    ['bad-yaml.md', 'LESSON_BAD_YAML', 3],
    ['unknown-field.md', 'LESSON_UNKNOWN_FIELD', 8],
    ['missing-title.md', 'LESSON_MISSING_FIELD', 1],
    ['bad-field.md', 'LESSON_BAD_FIELD', 7],
    ['no-frontmatter.md', 'LESSON_NO_FRONTMATTER', 1],
    ['unknown-widget.md', 'LESSON_UNKNOWN_WIDGET', 10],
    ['bad-widget-options.md', 'LESSON_BAD_WIDGET_OPTIONS', 11],
    ['bad-widget-option-item.md', 'LESSON_BAD_WIDGET_OPTIONS', 13],
    ['duplicate-id.md', 'LESSON_DUPLICATE_ID', 14],
    ['exercise-without-check.md', 'LESSON_EXERCISE_WITHOUT_CHECK', 10],
    ['exercise-without-title.md', 'LESSON_EXERCISE_OPTIONS', 10],
    ['check-unknown-exercise.md', 'LESSON_CHECK_UNKNOWN_EXERCISE', 10],
    ['check-before-exercise.md', 'LESSON_CHECK_BEFORE_EXERCISE', 10],
    ['duplicate-check.md', 'LESSON_DUPLICATE_CHECK', 18],
    ['bad-fence-option.md', 'LESSON_UNKNOWN_OPTION', 10],
    ['bad-fence-kind.md', 'LESSON_BAD_FENCE', 10],
    ['bad-fence-quote.md', 'LESSON_BAD_FENCE', 10],
    ['syntax-error.md', 'LESSON_SYNTAX_ERROR', 12],
    ['nested-fence.md', 'LESSON_NESTED_FENCE', 12],
    ['solution-unknown-exercise.md', 'LESSON_SOLUTION_UNKNOWN_EXERCISE', 22],
    ['duplicate-solution.md', 'LESSON_DUPLICATE_SOLUTION', 22],
    ['solution-without-for.md', 'LESSON_SOLUTION_OPTIONS', 22],
    ['exercise-without-solution.md', 'LESSON_EXERCISE_WITHOUT_SOLUTION', 10],
    ['bad-solution-after.md', 'LESSON_BAD_SOLUTION_AFTER', 10],
    ['hint-unknown-exercise.md', 'LESSON_HINT_UNKNOWN_EXERCISE', 22],
    ['empty-hint.md', 'LESSON_EMPTY_HINT', 22],
  ])('%s → %s on line %i', (fixture, code, line) => {
    const errors = errorsOf(`errors/${fixture}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code, line, file: `${FIXTURES}/errors/${fixture}` });
    expect(formatLessonError(errors[0]!)).toMatch(
      new RegExp(`^${FIXTURES}/errors/${fixture}:${line}:\\d+ error ${code}: \\S`),
    );
  });

  it('points at the column of a bad fence option, a widget name and a syntax error', () => {
    expect(errorsOf('errors/bad-fence-option.md')[0]!.column).toBe(7);
    expect(errorsOf('errors/unknown-widget.md')[0]!.column).toBe(11);
    expect(errorsOf('errors/syntax-error.md')[0]!.column).toBe(7);
  });

  it('suggests what the author probably meant', () => {
    expect(errorsOf('errors/unknown-field.md')[0]!.message).toContain('Did you mean "title"?');
    expect(errorsOf('errors/unknown-widget.md')[0]!.message).toContain(
      'Did you mean "lifecycle-explorer"?',
    );
    expect(errorsOf('errors/bad-fence-kind.md')[0]!.message).toContain('Did you mean "exercise"?');
    expect(errorsOf('errors/solution-unknown-exercise.md')[0]!.message).toContain(
      'Did you mean "mean-age"?',
    );
    expect(errorsOf('errors/hint-unknown-exercise.md')[0]!.message).toContain(
      'Did you mean "mean-age"?',
    );
  });

  it('reads solution-after: a number of attempts, never, or an error at the option', () => {
    const exercise = (options: string) => {
      const source = `---\nid: a\ntitle: A\nsummary: A.\nobjectives: [a]\nminutes: 5\n---\n\n\`\`\`js exercise id=e title="T" ${options}\nconst v = 1;\n\`\`\`\n\n\`\`\`js check for=e\nreturn v === 2;\n\`\`\`\n\n\`\`\`js solution for=e\nconst v = 2;\n\`\`\`\n`;
      const result = parseLesson(source, 'x.md');
      return result.ok ? result.lesson.blocks.find((b) => b.kind === 'exercise') : result.errors;
    };
    expect(exercise('')).toMatchObject({ solutionAfter: 3, hints: [] });
    expect(exercise('solution-after=0')).toMatchObject({ solutionAfter: 0 });
    expect(exercise('solution-after=never')).toMatchObject({ solutionAfter: null });
    expect(exercise('solution-after=-1')).toMatchObject([
      { code: 'LESSON_BAD_SOLUTION_AFTER', column: 31 },
    ]);
    expect(errorsOf('errors/bad-solution-after.md')[0]!.column).toBe(38);
  });

  it('names the widget, the option path and what was expected', () => {
    const [error] = errorsOf('errors/bad-widget-option-item.md');
    expect(error!.message).toMatch(/^Widget "maturity-levels", option "practices\[1\]": /);
    expect(error!.message).toContain('"continuous-training"');
  });

  it('reports frontmatter that is never closed (inline: Prettier would rewrite the fixture)', () => {
    const result = parseLesson('---\nid: sample\ntitle: Never closed\n', 'x.md');
    expect(!result.ok && result.errors).toMatchObject([
      { code: 'LESSON_UNCLOSED_FRONTMATTER', line: 1 },
    ]);
  });

  it('formats every error the same way', () => {
    expect(
      formatLessonError({ code: 'X', file: 'a.md', line: 3, column: 4, message: 'Bad.' }),
    ).toBe('a.md:3:4 error X: Bad.');
  });

  it('never throws, whatever the input', () => {
    for (const source of ['', '---', '---\n---\n', '---\n- a\n---\n', '\u0000\n```js\n']) {
      expect(() => parseLesson(source, 'x.md')).not.toThrow();
      expect(parseLesson(source, 'x.md').ok).toBe(false);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { checkAll, formatLessonError, parseLesson } from '../../../src/lib/lessons';
import { readLessonFiles } from '../../../scripts/vite/lessons-plugin';

const FILE = 'lessons/01-sample/lesson.md';
const front = (extra = '') =>
  `---\nid: sample\ntitle: Sample\nsummary: A sample.\nobjectives:\n  - Learn\nminutes: 5\n${extra}---\n`;

function errorsOf(source: string) {
  const result = parseLesson(source, FILE);
  if (result.ok) throw new Error('expected errors');
  return result.errors;
}

describe('parseLesson', () => {
  it('parses frontmatter and every block kind, with lines', () => {
    const source = `${front()}# Hello\n\n\`\`\`js id=a\nconst x = 1;\n\`\`\`\n\n\`\`\`js setup\nconst hidden = 2;\n\`\`\`\n\n\`\`\`js exercise id=e title="Do it"\nconst y = 0;\n\`\`\`\n\n\`\`\`js check for=e hint="Try harder"\nreturn y === 1;\n\`\`\`\n\n\`\`\`widget maturity-levels\npractices: [scripts]\n\`\`\`\n\n\`\`\`sql\nSELECT 1\n\`\`\`\n`;
    const result = parseLesson(source, FILE);
    if (!result.ok) throw new Error(result.errors.map(formatLessonError).join('\n'));
    const { meta, blocks } = result.lesson;
    expect(meta).toMatchObject({
      id: 'sample',
      order: 1,
      slug: 'sample',
      datasets: [],
      exercises: 1,
    });
    expect(blocks.map((b) => b.kind)).toEqual([
      'markdown',
      'code',
      'setup',
      'exercise',
      'widget',
      'markdown',
    ]);
    expect(blocks[1]).toMatchObject({ id: 'a', source: 'const x = 1;', line: 11 });
    expect(blocks[3]).toMatchObject({
      id: 'e',
      title: 'Do it',
      check: 'return y === 1;',
      hint: 'Try harder',
    });
    expect(blocks[4]).toMatchObject({
      name: 'maturity-levels',
      options: { practices: ['scripts'] },
    });
    expect(blocks[5]).toMatchObject({ html: expect.stringContaining('SELECT 1') });
  });

  it('gives code cells without ids stable ordinal ids', () => {
    const result = parseLesson(`${front()}\`\`\`js\n1\n\`\`\`\n\n\`\`\`js\n2\n\`\`\`\n`, FILE);
    expect(result.ok && result.lesson.blocks.map((b) => ('id' in b ? b.id : ''))).toEqual([
      'cell-1',
      'cell-2',
    ]);
  });

  it('escapes raw HTML and refuses javascript: links', () => {
    const result = parseLesson(
      `${front()}<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">\n\n[x](javascript:alert(1))\n`,
      FILE,
    );
    if (!result.ok) throw new Error('expected ok');
    const html = result.lesson.blocks.map((b) => (b.kind === 'markdown' ? b.html : '')).join('');
    expect(html).not.toMatch(/<script|<img|href="javascript/);
    expect(html).toContain('&lt;script&gt;');
  });

  it.each([
    ['bad YAML', `---\nid: [unclosed\n---\n`, 'LESSON_BAD_YAML', 2],
    ['unknown field', front('titel: Oops\n'), 'LESSON_UNKNOWN_FIELD', 8],
    ['missing title', front().replace('title: Sample\n', ''), 'LESSON_MISSING_FIELD', 1],
    ['unknown widget', `${front()}\`\`\`widget nope\n\`\`\`\n`, 'LESSON_UNKNOWN_WIDGET', 9],
    [
      'bad widget options',
      `${front()}\`\`\`widget lifecycle-explorer\nhighlight: lunch\n\`\`\`\n`,
      'LESSON_BAD_WIDGET_OPTIONS',
      9,
    ],
    [
      'duplicate id',
      `${front()}\`\`\`js id=a\n1\n\`\`\`\n\`\`\`js id=a\n2\n\`\`\`\n`,
      'LESSON_DUPLICATE_ID',
      12,
    ],
    [
      'exercise without check',
      `${front()}\`\`\`js exercise id=e title="T"\n1\n\`\`\`\n`,
      'LESSON_EXERCISE_WITHOUT_CHECK',
      9,
    ],
    [
      'check for unknown exercise',
      `${front()}\`\`\`js check for=zzz\ntrue\n\`\`\`\n`,
      'LESSON_CHECK_UNKNOWN_EXERCISE',
      9,
    ],
    ['unknown fence option', `${front()}\`\`\`js idd=a\n1\n\`\`\`\n`, 'LESSON_UNKNOWN_OPTION', 9],
    ['no frontmatter', '# Just markdown\n', 'LESSON_NO_FRONTMATTER', 1],
  ])('reports %s with its code and line', (_name, source, code, line) => {
    const errors = errorsOf(source);
    expect(errors[0]).toMatchObject({ code, line, file: FILE });
    expect(formatLessonError(errors[0]!)).toMatch(
      new RegExp(`^${FILE}:${line}:\\d+ error ${code}: `),
    );
  });

  it('suggests the field an author probably meant', () => {
    expect(errorsOf(front('titel: Oops\n'))[0]!.message).toContain('Did you mean "title"?');
  });
});

describe('checkAll', () => {
  it('finds duplicate lesson ids, unknown prerequisites and bad folders', () => {
    const a = front('prerequisites: [missing-one]\n');
    const { errors } = checkAll([
      { file: 'lessons/01-a/lesson.md', source: a },
      { file: 'lessons/02-b/lesson.md', source: front() },
      { file: 'lessons/oops/lesson.md', source: front().replace('id: sample', 'id: other') },
    ]);
    expect(errors.map((e) => e.code).sort()).toEqual([
      'LESSON_BAD_FOLDER',
      'LESSON_DUPLICATE_LESSON_ID',
      'LESSON_UNKNOWN_PREREQUISITE',
    ]);
  });

  it('accepts every shipped lesson', () => {
    const { lessons, errors } = checkAll(readLessonFiles('lessons'));
    expect(errors.map(formatLessonError)).toEqual([]);
    expect(lessons.length).toBeGreaterThanOrEqual(2);
    expect(lessons.every((l) => l.meta.exercises > 0)).toBe(true);
  });
});

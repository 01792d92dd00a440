import { describe, expect, it } from 'vitest';
import { checkAll, formatLessonError } from '../../../src/lib/lessons';
import { checkCourse } from '../../../src/lib/lessons/course';
import type { LessonFile } from '../../../src/lib/lessons/types';
import {
  checkLessonsAndCourse,
  readEmptyLessonFolders,
  readLessonFiles,
} from '../../../scripts/vite/lessons-plugin';

const head = (id: string, extra = '') =>
  `---\nid: ${id}\ntitle: T\nsummary: S.\nobjectives: [o]\nminutes: 5\n${extra}---\n`;
const lesson = (folder: string, source: string, more: Partial<LessonFile> = {}): LessonFile => ({
  file: `lessons/${folder}/lesson.md`,
  source,
  ...more,
});
const png = (path: string, size = 100) => ({
  path,
  bytes: new Uint8Array(size),
  url: `assets/lessons/x/${path}-h`,
});
const messages = (files: LessonFile[], options = {}) =>
  checkAll(files, options).errors.map(formatLessonError);
const html = (files: LessonFile[], id: string) =>
  checkAll(files)
    .lessons.find((l) => l.meta.id === id)!
    .blocks.map((b) => (b.kind === 'markdown' ? b.html : ''))
    .join('');

const target = lesson('02-drift', head('data-drift'));

describe('links between lessons', () => {
  it('rewrites ../NN-slug/lesson.md to #/lesson/<id> and keeps #/lesson/<id>', () => {
    const from = lesson(
      '01-a',
      `${head('a')}\n[next](../02-drift/lesson.md) [id](#/lesson/data-drift)\n`,
    );
    expect(messages([from, target])).toEqual([]);
    expect(html([from, target], 'a')).toContain(
      '<a href="#/lesson/data-drift">next</a> <a href="#/lesson/data-drift">id</a>',
    );
  });

  it('reports an unknown #/lesson/<id> at its line and column, with did you mean', () => {
    const from = lesson('01-a', `${head('a')}\nSee\n[it](#/lesson/data-drfit).\n`);
    expect(messages([from, target])).toEqual([
      'lessons/01-a/lesson.md:10:6 error LESSON_UNKNOWN_LINK: The link "#/lesson/data-drfit" names no lesson. Did you mean "data-drift"? Use a lesson\'s frontmatter id: #/lesson/<id>.',
    ]);
  });

  it('finds a renumbered folder by its slug', () => {
    const from = lesson('01-a', `${head('a')}\n[it](../07-drift/lesson.md)\n`);
    expect(messages([from, target])).toEqual([
      expect.stringContaining(
        ':9:6 error LESSON_UNKNOWN_LINK: The link "../07-drift/lesson.md" names no lesson folder. Did you mean "../02-drift/lesson.md"?',
      ),
    ]);
  });

  it('refuses a path that leaves the lessons folder or reaches into another lesson', () => {
    const from = lesson(
      '01-a',
      `${head('a')}\n[p](../../../etc/passwd)\n\n![x](../02-drift/chart.png)\n`,
    );
    expect(messages([from, target])).toEqual([
      expect.stringMatching(
        /:9:5 error LESSON_LINK_OUTSIDE: .*"\.\.\/\.\.\/\.\.\/etc\/passwd" leads outside/,
      ),
      expect.stringMatching(/:11:6 error LESSON_LINK_OUTSIDE: .*only its lesson\.md can be linked/),
    ]);
  });
});

describe('files beside lesson.md', () => {
  it('serves a linked image and file at their hashed URLs and lists them on the lesson', () => {
    const file = lesson('01-a', `${head('a')}\n![c](./img/c.png) [d](d.csv#top)\n`, {
      assets: [png('img/c.png'), png('d.csv'), png('unused.png')],
    });
    const { lessons, errors } = checkAll([file]);
    expect(errors).toEqual([]);
    expect(lessons[0]!.assets).toEqual(['d.csv', 'img/c.png']);
    expect(html([file], 'a')).toContain(
      '<img src="assets/lessons/x/img/c.png-h" alt="c"> <a href="assets/lessons/x/d.csv-h#top">d</a>',
    );
  });

  it('reports a missing file at its line, with did you mean', () => {
    const file = lesson('01-a', `${head('a')}\n![c](./img/chart.pgn)\n`, {
      assets: [png('img/chart.png')],
    });
    expect(messages([file])).toEqual([
      'lessons/01-a/lesson.md:9:6 error LESSON_MISSING_ASSET: The image "./img/chart.pgn" names no file beside lesson.md. Did you mean "img/chart.png"? Files there: img/chart.png. Add the file, or fix the path.',
    ]);
  });

  it('refuses a file over the size limit, of a type a page could run, or an SVG with script', () => {
    const svg = new TextEncoder().encode(
      '<svg><a href="&#106;ava&#x09;script:alert(1)">x</a></svg>',
    );
    const file = lesson('01-a', `${head('a')}\n![a](big.png) [b](page.html) ![c](c.svg)\n`, {
      assets: [
        png('big.png', 2 * 1024 * 1024 + 1),
        png('page.html'),
        { ...png('c.svg'), bytes: svg },
      ],
    });
    expect(messages([file])).toEqual([
      expect.stringMatching(
        /^lessons\/01-a\/big\.png:1:1 error LESSON_ASSET_TOO_LARGE: The file is 2,097,153 bytes/,
      ),
      expect.stringMatching(
        /^lessons\/01-a\/c\.svg:1:1 error LESSON_ASSET_UNSAFE: The SVG holds a javascript: URL/,
      ),
      expect.stringMatching(/^lessons\/01-a\/page\.html:1:1 error LESSON_ASSET_TYPE: /),
    ]);
  });
});

describe('frontmatter and folders', () => {
  it('reports a datasets: name that is no dataset, with did you mean', () => {
    const file = lesson('01-a', head('a', 'datasets: [nyc-taxy]\n'));
    expect(messages([file], { datasets: ['diabetes', 'nyc-taxi'] })).toEqual([
      'lessons/01-a/lesson.md:7:1 error LESSON_UNKNOWN_DATASET: Dataset "nyc-taxy" is not a folder of datasets/. Did you mean "nyc-taxi"? Shipped datasets: diabetes, nyc-taxi.',
    ]);
  });

  it('suggests the closest lesson id for a misspelt prerequisite', () => {
    const file = lesson('01-a', head('a', 'prerequisites: [data-drfit]\n'));
    expect(messages([file, target])).toEqual([
      expect.stringContaining(
        'Prerequisite "data-drfit" is not the id of any lesson. Did you mean "data-drift"?',
      ),
    ]);
  });

  it('reports a list item that YAML merges into the previous one', () => {
    const source = head('a').replace(
      'objectives: [o]\n',
      'objectives:\n  - Read a chart\n    Explain drift\n',
    );
    expect(messages([lesson('01-a', source)])).toEqual([
      'lessons/01-a/lesson.md:6:1 error LESSON_YAML_MERGED_ITEM: The list item "Read a chart Explain drift" goes on over line 7, so YAML joins the lines into one item. Start line 7 with "- " if it is a new item, or quote the item if it is one.',
    ]);
  });

  it('reports an NN-slug folder without lesson.md', () => {
    const dir = 'tests/fixtures/lessons/empty-folder';
    expect(readEmptyLessonFolders(dir)).toEqual([`${dir}/03-lesson-misspelt`]);
    expect(messages([], { emptyFolders: readEmptyLessonFolders(dir) })).toEqual([
      expect.stringMatching(
        /^tests\/fixtures\/lessons\/empty-folder\/03-lesson-misspelt\/lesson\.md:1:1 error LESSON_FOLDER_WITHOUT_LESSON: /,
      ),
    ]);
  });
});

describe('a folder of lessons with files beside them', () => {
  it('checks clean, rewrites the links and names each used file by its content hash', () => {
    const dir = 'tests/fixtures/lessons/authoring';
    const { lessons, errors } = checkLessonsAndCourse(dir);
    expect(errors).toEqual([]);
    const assets = lessons.find((l) => l.meta.id === 'assets')!;
    expect(assets.assets).toEqual(['img/drift.png', 'notes.csv']);
    const text = JSON.stringify(assets.blocks);
    expect(text).toMatch(/src=\\"assets\/lessons\/02-assets\/img_drift-[0-9a-f]{10}\.png\\"/);
    expect(text).toContain('href=\\"#/lesson/links\\"');
    expect(readLessonFiles(dir)[1]!.assets!.map((a) => a.path)).toEqual([
      'img/drift.png',
      'notes.csv',
    ]);
  });
});

describe('links in hints', () => {
  it('checks and rewrites the links and images of a ```md hint like the prose', () => {
    const exercise =
      '\n```js exercise id=e title="E"\nconst x = 0;\n```\n\n```js check for=e\nreturn x === 1;\n```\n\n```js solution for=e\nconst x = 1;\n```\n\n```md hint for=e\nLook at ![the chart](c.png) or [drift](#/lesson/data-drfit).\n```\n';
    const file = lesson('01-a', head('a') + exercise, { assets: [png('c.png')] });
    expect(messages([file, target])).toEqual([
      expect.stringMatching(
        /^lessons\/01-a\/lesson\.md:22:40 error LESSON_UNKNOWN_LINK: .*Did you mean "data-drift"\?/,
      ),
    ]);
    const fixed = { ...file, source: file.source.replace('data-drfit', 'data-drift') };
    const { lessons } = checkAll([fixed, target]);
    const a = lessons.find((l) => l.meta.id === 'a')!;
    const block = a.blocks.find((b) => b.kind === 'exercise');
    expect(block?.kind === 'exercise' && block.hints[0]).toContain(
      '<img src="assets/lessons/x/c.png-h" alt="the chart">',
    );
    expect(a.assets).toEqual(['c.png']);
  });
});

describe('did you mean for widget option values, and merged items elsewhere', () => {
  it('suggests the closest allowed value of a widget option', () => {
    const body = '\n```widget lifecycle-explorer\nhighlight: evaluaton\n```\n';
    expect(messages([lesson('01-a', head('a') + body)])).toEqual([
      expect.stringMatching(
        /^lessons\/01-a\/lesson\.md:10:1 error LESSON_BAD_WIDGET_OPTIONS: Widget "lifecycle-explorer", option "highlight": .*\. Did you mean "evaluation"\?$/,
      ),
    ]);
  });

  it('reports a merged item in widget options and in course.yaml', () => {
    const body =
      '\n```widget maturity-levels\npractices:\n  - versioned-code\n    monitoring\n```\n';
    expect(messages([lesson('01-a', head('a') + body)])).toEqual([
      expect.stringMatching(
        /:11:1 error LESSON_YAML_MERGED_ITEM: The list item "versioned-code monitoring" goes on over line 12/,
      ),
    ]);
    const course = 'parts:\n  - title: One\n    lessons:\n      - a\n        b\n';
    const { lessons } = checkAll([lesson('01-a', head('a')), lesson('02-b', head('b'))]);
    const checked = checkCourse(
      { file: 'lessons/course.yaml', source: course },
      lessons.map((l) => l.meta),
    );
    expect(checked.errors.map(formatLessonError)).toEqual([
      expect.stringMatching(
        /^lessons\/course\.yaml:4:1 error LESSON_YAML_MERGED_ITEM: The list item "a b" goes on over line 5/,
      ),
    ]);
  });
});

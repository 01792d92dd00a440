import { describe, expect } from 'vitest';
import { checkAll, formatLessonError, parseLesson } from '../../src/lib/lessons';
import type { LessonFile } from '../../src/lib/lessons/types';
import { hostile } from './hostile';

const FILE = 'lessons/01-a/lesson.md';
const HEAD = '---\nid: a\ntitle: A\nsummary: A.\nobjectives: [a]\nminutes: 5\n---\n';

function errors(source: string): string[] {
  const result = parseLesson(source, FILE);
  return result.ok ? [] : result.errors.map(formatLessonError);
}

describe('lesson files', () => {
  hostile('lesson-file', 'a misspelt frontmatter field', { guards: 'clarity' }, () => {
    expect(errors(HEAD.replace('title:', 'titel:'))).toContainEqual(
      expect.stringMatching(/^lessons\/01-a\/lesson\.md:3:1 .*"titel"\. Did you mean "title"\?/),
    );
  });

  hostile('lesson-file', 'a misspelt fence kind', { guards: 'clarity' }, () => {
    expect(errors(`${HEAD}\n\`\`\`js exercize id=x\n1\n\`\`\`\n`)).toEqual([
      expect.stringMatching(/:9:7 .*"exercize".*Did you mean "exercise"\?/),
    ]);
  });

  hostile('lesson-file', 'frontmatter that is not YAML', { guards: 'clarity' }, () => {
    expect(errors('---\nid: [unclosed\n---\n')).toContainEqual(expect.stringMatching(/:\d+:\d+ /));
  });

  hostile('lesson-file', 'a file of 100,000 backticks', { guards: 'availability' }, () => {
    expect(() => parseLesson('`'.repeat(100_000), FILE)).not.toThrow();
  });
});

/** A lesson checked with the files beside it, as lessons:check and the build check it. */
function checked(body: string, assets: LessonFile['assets'] = []) {
  const files: LessonFile[] = [
    { file: FILE, source: `${HEAD}\n${body}`, assets },
    { file: 'lessons/02-b/lesson.md', source: HEAD.replace('id: a', 'id: b') },
  ];
  const { lessons, errors } = checkAll(files);
  const html = (lessons.find((l) => l.meta.id === 'a')?.blocks ?? [])
    .map((b) => (b.kind === 'markdown' ? b.html : ''))
    .join('');
  return { lessons, errors: errors.map(formatLessonError), html };
}
const file = (path: string, bytes: Uint8Array) => ({
  path,
  bytes,
  url: `assets/lessons/01-a/${path}`,
});
const encode = (text: string) => new TextEncoder().encode(text);

describe('links and files of lesson files', () => {
  hostile('lesson-file', 'a link to ../../../etc/passwd', { guards: 'security' }, () => {
    const { errors, html } = checked('[secrets](../../../etc/passwd)\n');
    expect(errors).toEqual([
      expect.stringMatching(/^lessons\/01-a\/lesson\.md:9:11 error LESSON_LINK_OUTSIDE: /),
    ]);
    expect(html).toBe('');
  });

  hostile('lesson-file', 'an image path with ..', { guards: 'security' }, () => {
    const { errors } = checked(
      '![x](./img/../../02-b/../../datasets/x.png)\n![y](..%2F..%2Fetc%2Fpasswd)\n',
      [file('img/a.png', new Uint8Array(8))],
    );
    expect(errors).toEqual([
      expect.stringMatching(/:9:6 error LESSON_LINK_OUTSIDE: /),
      expect.stringMatching(/:10:6 error LESSON_LINK_OUTSIDE: /),
    ]);
  });

  hostile('lesson-file', 'a 20 MB image', { guards: 'availability' }, () => {
    const { errors, lessons } = checked('![huge](huge.png)\n', [
      file('huge.png', new Uint8Array(20 * 1024 * 1024)),
    ]);
    expect(errors).toEqual([
      'lessons/01-a/huge.png:1:1 error LESSON_ASSET_TOO_LARGE: The file is 20,971,520 bytes; a file beside lesson.md may hold at most 2,097,152. Shrink the image, or put data in datasets/.',
    ]);
    expect(lessons.map((l) => l.meta.id)).toContain('a'); // still listed: the build fails on the error
  });

  hostile('lesson-file', 'an SVG with script', { guards: 'security' }, () => {
    const svgs = [
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
      '<svg onload="alert(1)"/>',
      '<svg><a xlink:href="&#x6A;ava&#9;script:alert(1)"><text>x</text></a></svg>',
      '<svg><foreignObject><iframe src="x"/></foreignObject></svg>',
      '<svg><set attributeName="href" to="x"/></svg>',
    ];
    const assets = svgs.map((text, i) => file(`s${i}.svg`, encode(text)));
    const { errors } = checked(
      svgs.map((_, i) => `![s](s${i}.svg) [s](s${i}.svg)`).join('\n\n') + '\n',
      assets,
    );
    expect(errors).toHaveLength(svgs.length);
    for (const error of errors) expect(error).toMatch(/error LESSON_ASSET_UNSAFE: The SVG /);
    const clean = checked('![c](c.svg)\n', [
      file('c.svg', encode('<svg><circle r="4"/><text>onward = javascript</text></svg>')),
    ]);
    expect(clean.errors).toEqual([]);
    expect(clean.html).toContain('<img src="assets/lessons/01-a/c.svg" alt="c">');
  });

  hostile('lesson-file', 'a link with javascript:', { guards: 'security' }, () => {
    const { errors, html } = checked(
      '[x](javascript:alert(document.cookie)) [y](<javascript:alert(1)>)\n\n[z](java%0ascript:alert(1))\n',
    );
    expect(errors.filter((e) => e.includes('LESSON_UNSAFE_LINK'))).toHaveLength(2);
    expect(html).not.toMatch(/href="\s*java/i);
  });

  hostile(
    'lesson-file',
    '10,000 links in one lesson',
    { guards: 'availability', timeout: 20_000 },
    () => {
      const links = Array.from(
        { length: 10_000 },
        (_, i) => `[${i}](#/lesson/${i % 2 ? 'b' : 'bb'})`,
      );
      const started = performance.now();
      const { errors } = checked(
        `${links.join('\n')}\n\n${links.map((l) => l.replace('bb', 'b')).join(' ')}\n`,
      );
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(errors).toHaveLength(5_000);
      expect(errors[4_999]).toMatch(/:10007:8 error LESSON_UNKNOWN_LINK: .*Did you mean "b"\?/);
    },
  );
});

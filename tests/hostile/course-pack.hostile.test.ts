import { zipSync } from 'fflate';
import { describe, expect } from 'vitest';
import { formatLessonError } from '../../src/lib/lessons/errors';
import { loadPack } from '../../src/lib/lessons/pack/load-pack';
import { readPackZip, restorePack, zipReader } from '../../src/lib/lessons/pack/pack-zip';
import { siteReader } from '../../src/lib/lessons/pack/site-reader';
import { packFiles, reader, siteCourse, text } from '../unit/lessons/pack/pack-fixtures';
import { hostile } from './hostile';

const decode = (b: Uint8Array | undefined) => new TextDecoder().decode(b);
const html = (result: Awaited<ReturnType<typeof loadPack>>, id: string) =>
  (result.lessons.find((l) => l.meta.id === id)?.blocks ?? [])
    .map((b) => (b.kind === 'markdown' ? b.html : ''))
    .join('');

describe('course packs', () => {
  hostile(
    'pack-file',
    "a pack lesson whose id is a site lesson's, under another name in course.yaml",
    { guards: 'data' },
    async () => {
      // Student work is stored by lesson id: a lesson must not slip in under another's id.
      const files = packFiles();
      const source = decode(files.get('21-pack-intro/lesson.md'));
      files.set(
        '21-pack-intro/lesson.md',
        text(source.replace('id: pack-intro', 'id: how-this-notebook-works')),
      );
      const result = await loadPack(reader(files), siteCourse());
      expect(result.errors.map(formatLessonError)).toContainEqual(
        expect.stringMatching(/^course\/course\.yaml:6:1 error LESSON_PACK_ID_MISMATCH: /),
      );
      expect(result.index.find((m) => m.id === 'how-this-notebook-works')!.title).toBe(
        'Site how-this-notebook-works',
      );
    },
  );

  hostile('pack-file', 'two pack folders claiming one lesson id', { guards: 'data' }, async () => {
    const files = packFiles();
    files.set('copy/lesson.md', files.get('21-pack-intro/lesson.md')!);
    files.set('copy/logo.svg', files.get('21-pack-intro/logo.svg')!);
    files.set(
      'course.yaml',
      text(`${decode(files.get('course.yaml'))}      - { id: pack-intro, folder: copy }\n`),
    );
    const result = await loadPack(reader(files), siteCourse());
    expect(result.errors.map((e) => e.code)).toEqual(
      expect.arrayContaining(['LESSON_DUPLICATE_LESSON_ID', 'LESSON_COURSE_DUPLICATE_LESSON']),
    );
    // The site's lessons are untouched whatever the pack does.
    expect(result.index.filter((m) => m.id === 'pack-intro').length).toBeLessThanOrEqual(1);
    expect(result.index.map((m) => m.id)).toContain('databases-for-ml');
  });

  hostile(
    'pack-file',
    'a pack zip with ../ and absolute paths',
    { guards: 'security' },
    async () => {
      const files = packFiles();
      const zip = zipSync({
        ...Object.fromEntries([...files].map(([p, b]) => [p, b])),
        '../escape/lesson.md': text('x'),
        '/etc/passwd': text('x'),
        '21-pack-intro/../../up.svg': text('<svg/>'),
      });
      const read = readPackZip(zip, 'evil.zip');
      if ('error' in read) throw new Error(read.error.message);
      expect([...read.files.keys()].some((p) => p.includes('..') || p.startsWith('/'))).toBe(false);
      expect(read.errors.map((e) => e.code)).toEqual(
        expect.arrayContaining(['LESSON_PACK_SKIPPED_ENTRY']),
      );
      const result = await loadPack(zipReader(read.files, 'evil.zip').reader, siteCourse());
      expect(result.added).toEqual(['pack-intro']);
    },
  );

  hostile(
    'pack-file',
    'a 50 MB image beside a pack lesson',
    { guards: 'availability', timeout: 30_000 },
    async () => {
      const files = packFiles();
      const lesson = decode(files.get('21-pack-intro/lesson.md'));
      files.set('21-pack-intro/lesson.md', text(lesson.replace('./logo.svg', './huge.png')));
      files.set('21-pack-intro/huge.png', new Uint8Array(50 * 1024 * 1024));
      // In a zip: inflated under the budget, refused by name and size; the rest of the pack loads.
      const read = readPackZip(zipSync(Object.fromEntries(files)), 'big.zip');
      if ('error' in read) throw new Error(read.error.message);
      const { reader: zipped, used } = zipReader(read.files, 'big.zip');
      const result = await loadPack(zipped, siteCourse());
      expect(result.errors.map(formatLessonError)).toContainEqual(
        expect.stringMatching(
          /^course\/21-pack-intro\/huge\.png:1:1 error LESSON_ASSET_TOO_LARGE: The file is 52,428,800 bytes/,
        ),
      );
      expect(result.added).toEqual([]);
      expect(result.replaced).toEqual(['ml-lifecycle']);
      expect(used.has('21-pack-intro/huge.png')).toBe(false);
      // On the site: a declared length over the limit is refused without downloading the body.
      let bodyRead = false;
      const site = siteReader('https://h.example/', (input) => {
        const path = new URL(String(input)).pathname.slice('/course/'.length);
        const bytes = files.get(decodeURIComponent(path));
        if (!bytes) return Promise.resolve(new Response('', { status: 404 }));
        // highWaterMark 0: the body is pulled only when someone reads it.
        const body = new ReadableStream(
          {
            pull(c) {
              bodyRead ||= bytes.byteLength > 1e6;
              c.enqueue(bytes);
              c.close();
            },
          },
          { highWaterMark: 0 },
        );
        return Promise.resolve(
          new Response(body, { headers: { 'content-length': String(bytes.byteLength) } }),
        );
      });
      const online = await loadPack(site, siteCourse());
      expect(online.errors.map((e) => e.code)).toContain('LESSON_ASSET_TOO_LARGE');
      expect(bodyRead).toBe(false);
    },
  );

  hostile(
    'pack-file',
    'a zip that inflates past the pack budget',
    { guards: 'availability', timeout: 60_000 },
    () => {
      const zip = zipSync({ 'course.yaml': new Uint8Array(100 * 1024 * 1024) }, { level: 1 });
      const read = readPackZip(zip, 'bomb.zip');
      expect('error' in read && read.error.code).toBe('LESSON_PACK_BAD_ZIP');
    },
  );

  hostile('pack-file', 'a pack lesson whose YAML is broken', { guards: 'clarity' }, async () => {
    const result = await loadPack(reader(packFiles()), siteCourse());
    // The broken lesson is named at file:line; every other lesson of the pack loads.
    expect(result.errors.map(formatLessonError)).toEqual([
      expect.stringMatching(/^course\/broken-lesson\/lesson\.md:\d+:\d+ error LESSON_BAD_YAML: /),
    ]);
    expect(result.added).toEqual(['pack-intro']);
    expect(result.course.parts.flatMap((p) => p.lessons)).not.toContain('broken-lesson');
  });

  hostile(
    'pack-file',
    'a course.yaml that is an alias bomb',
    { guards: 'availability' },
    async () => {
      const files = packFiles();
      const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
      for (let i = 1; i < 12; i++)
        bomb.push(
          `${'b'.repeat(i)}: &${'b'.repeat(i)} [${Array(9)
            .fill(`*${i === 1 ? 'a' : 'b'.repeat(i - 1)}`)
            .join(',')}]`,
        );
      files.set('course.yaml', text(`${bomb.join('\n')}\nparts: []\n`));
      const result = await loadPack(reader(files), siteCourse());
      expect(result.errors[0]?.file).toBe('course/course.yaml');
      expect(result.course).toEqual(siteCourse().course);
    },
  );

  hostile(
    'pack-file',
    'script, event handlers and javascript: links in pack lesson Markdown',
    { guards: 'security' },
    async () => {
      const files = packFiles();
      const lesson = decode(files.get('21-pack-intro/lesson.md'));
      files.set(
        '21-pack-intro/lesson.md',
        text(
          `${lesson}\n<img src=x onerror="window.ran=1">\n\n[click](javascript:alert(1))\n\n<iframe src="https://evil.example"></iframe>\n`,
        ),
      );
      const result = await loadPack(reader(files), siteCourse());
      // Raw HTML is text (the page sanitises again); the javascript: link is refused and named.
      expect(result.errors.map((e) => e.code)).toContain('LESSON_UNSAFE_LINK');
      const files2 = packFiles();
      files2.set(
        '21-pack-intro/lesson.md',
        text(
          `${lesson}\n<img src=x onerror="window.ran=1">\n<iframe src="https://e.example"></iframe>\n`,
        ),
      );
      const ok = await loadPack(reader(files2), siteCourse());
      const shown = html(ok, 'pack-intro');
      expect(shown).not.toMatch(/<script|<img src=x|<iframe/);
      expect(shown).toContain('&lt;script&gt;');
    },
  );

  hostile(
    'pack-file',
    'an SVG with script beside a pack lesson',
    { guards: 'security' },
    async () => {
      const files = packFiles();
      files.set(
        '21-pack-intro/logo.svg',
        text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      );
      const result = await loadPack(reader(files), siteCourse());
      expect(result.errors.map(formatLessonError)).toContainEqual(
        expect.stringMatching(/^course\/21-pack-intro\/logo\.svg:1:1 error LESSON_ASSET_UNSAFE: /),
      );
      expect(result.added).toEqual([]);
    },
  );

  hostile('pack-file', 'a stored pack row edited by hand', { guards: 'availability' }, () => {
    expect(
      restorePack({ fileName: 'x.zip', importedAt: 0, files: { 'course.yaml': '@@' } }),
    ).toBeNull();
    expect(restorePack({ fileName: 'x.zip', importedAt: 0, files: [], extra: 1 })).toBeNull();
  });
});

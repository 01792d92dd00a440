import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { loadPack } from '../../../../src/lib/lessons/pack/load-pack';
import {
  readPackZip,
  restorePack,
  storePack,
  zipReader,
} from '../../../../src/lib/lessons/pack/pack-zip';
import { siteReader } from '../../../../src/lib/lessons/pack/site-reader';
import { packFiles, siteCourse, text } from './pack-fixtures';

const zipOf = (files: Map<string, Uint8Array>, top = 'course/') =>
  zipSync(Object.fromEntries([...files].map(([p, b]) => [top + p, b])));

describe('pack zips', () => {
  it('reads a zip of the course/ folder, stores only what the pack uses, and loads it back', async () => {
    const files = packFiles();
    files.set('21-pack-intro/unused.csv', text('a\n1\n'));
    const read = readPackZip(zipOf(files), 'week1.zip');
    if ('error' in read) throw new Error(read.error.message);
    const { reader, used } = zipReader(read.files, 'week1.zip');
    const first = await loadPack(reader, siteCourse());
    expect(first.added).toEqual(['pack-intro']);
    expect([...used.keys()].sort()).toEqual([
      '21-pack-intro/lesson.md',
      '21-pack-intro/logo.svg',
      'broken-lesson/lesson.md',
      'course.yaml',
      'ml-lifecycle-local/lesson.md',
    ]);
    // The image is shown from a data: URL: the pack has no URL of its own.
    const intro = first.lessons.find((l) => l.meta.id === 'pack-intro')!;
    const html = intro.blocks.map((b) => (b.kind === 'markdown' ? b.html : '')).join('');
    expect(html).toContain('src="data:image/svg+xml;base64,');
    // Stored as JSON-safe text and read back to the same result.
    const stored = JSON.parse(JSON.stringify(storePack('week1.zip', used))) as unknown;
    const restored = restorePack(stored)!;
    const again = await loadPack(zipReader(restored.files, restored.fileName).reader, siteCourse());
    expect(again.index).toEqual(first.index);
  });

  it('refuses a zip without course.yaml, and a file that is not a zip', () => {
    const none = readPackZip(zipOf(new Map([['x/lesson.md', text('---')]])), 'a.zip');
    expect('error' in none && none.error.code).toBe('LESSON_PACK_BAD_ZIP');
    const junk = readPackZip(text('not a zip'), 'b.zip');
    expect('error' in junk && junk.error.message).toMatch(/not a course pack/);
  });

  it('a stored row that is not a pack reads as none', () => {
    expect(restorePack({ fileName: 'x', importedAt: 1, files: { a: '%%%' } })).toBeNull();
    expect(restorePack({ files: 3 })).toBeNull();
    expect(restorePack(null)).toBeNull();
  });
});

describe('siteReader', () => {
  const site = 'https://host.example/labbook/';
  const fetchFrom =
    (answers: Record<string, Response | Error>): typeof fetch =>
    (input) => {
      const answer = answers[String(input)];
      if (answer instanceof Error) return Promise.reject(answer);
      return Promise.resolve(answer ?? new Response('nope', { status: 404 }));
    };

  it('reads course/ beside index.html; a 404 or an HTML page is no file, other failures are said', async () => {
    const reader = siteReader(
      site,
      fetchFrom({
        [`${site}course/course.yaml`]: new Response('title: x'),
        [`${site}course/a/lesson.md`]: new Response('<!doctype html>', {
          headers: { 'content-type': 'text/html' },
        }),
        [`${site}course/b/lesson.md`]: new Response('', { status: 500 }),
        [`${site}course/c/lesson.md`]: new TypeError('Failed to fetch'),
      }),
    );
    expect(await reader.read('course.yaml', 100)).toMatchObject({ status: 'ok' });
    expect(await reader.read('missing.yaml', 100)).toEqual({ status: 'missing' });
    expect(await reader.read('a/lesson.md', 100)).toEqual({ status: 'missing' });
    expect(await reader.read('b/lesson.md', 100)).toEqual({
      status: 'failed',
      message: 'HTTP 500',
    });
    expect(await reader.read('c/lesson.md', 100)).toMatchObject({ status: 'failed' });
  });

  it('stops reading a file over the limit, declared or not', async () => {
    const big = new Uint8Array(5000);
    const reader = siteReader(
      site,
      fetchFrom({
        [`${site}course/declared.png`]: new Response(big, {
          headers: { 'content-length': '5000' },
        }),
        [`${site}course/streamed.png`]: new Response(
          new ReadableStream({
            start(c) {
              for (let i = 0; i < 10; i++) c.enqueue(new Uint8Array(1000));
              c.close();
            },
          }),
        ),
      }),
    );
    expect(await reader.read('declared.png', 1000)).toEqual({ status: 'too-large', size: 5000 });
    expect(await reader.read('streamed.png', 1000)).toMatchObject({ status: 'too-large' });
  });
});

import { describe, expect, it } from 'vitest';
import { loadPack } from '../../../../src/lib/lessons/pack/load-pack';
import { formatLessonError } from '../../../../src/lib/lessons/errors';
import { packFiles, reader, siteCourse, text } from './pack-fixtures';

describe('loadPack', () => {
  it('is no pack when course.yaml is missing', async () => {
    const result = await loadPack(reader(new Map()), siteCourse());
    expect(result.found).toBe(false);
    expect(result.errors).toEqual([]);
    expect(result.index.map((m) => m.id)).toEqual(siteCourse().index.map((m) => m.id));
  });

  it('adds and replaces lessons, in the order course.yaml gives, and leaves a broken one out', async () => {
    const result = await loadPack(reader(packFiles()), siteCourse());
    expect(result.found).toBe(true);
    expect(result.added).toEqual(['pack-intro']);
    expect(result.replaced).toEqual(['ml-lifecycle']);
    expect(result.course.title).toBe('Our MLOps course');
    expect(result.course.parts).toEqual([
      { title: 'Week 1', lessons: ['pack-intro', 'how-this-notebook-works', 'ml-lifecycle'] },
    ]);
    // The site's lesson the pack does not list stays reachable by link.
    expect(result.course.hidden).toEqual(['databases-for-ml']);
    expect(result.index.map((m) => m.id)).toEqual([
      'pack-intro',
      'how-this-notebook-works',
      'ml-lifecycle',
      'databases-for-ml',
    ]);
    expect(result.index.find((m) => m.id === 'ml-lifecycle')!.title).toBe(
      'The ML lifecycle, our version',
    );
    // The broken lesson is named at its own file and line; the others load.
    expect(result.errors.map(formatLessonError)).toEqual([
      expect.stringMatching(/^course\/broken-lesson\/lesson\.md:\d+:\d+ error LESSON_BAD_YAML: /),
    ]);
  });

  it('serves a linked file at the URL the reader gives, and checks it', async () => {
    const result = await loadPack(reader(packFiles()), siteCourse());
    const intro = result.lessons.find((l) => l.meta.id === 'pack-intro')!;
    expect(intro.assets).toEqual(['logo.svg']);
    const html = intro.blocks.map((b) => (b.kind === 'markdown' ? b.html : '')).join('');
    expect(html).toContain('src="course/21-pack-intro/logo.svg"');
    // Raw HTML is text, as in the build.
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('names course.yaml:line for a folder that holds no lesson.md', async () => {
    const files = packFiles();
    files.delete('21-pack-intro/lesson.md');
    const result = await loadPack(reader(files), siteCourse());
    const error = result.errors.find((e) => e.code === 'LESSON_PACK_MISSING_LESSON')!;
    expect(`${error.file}:${error.line}`).toBe('course/course.yaml:6');
    expect(error.message).toContain('21-pack-intro/lesson.md does not exist');
    // The rest of the pack still loads and course.yaml still orders it.
    expect(result.replaced).toEqual(['ml-lifecycle']);
    expect(result.course.parts[0]!.lessons).toEqual(['how-this-notebook-works', 'ml-lifecycle']);
  });

  it('keeps the site lesson when the pack lesson replacing it is broken', async () => {
    const files = packFiles();
    files.set('ml-lifecycle-local/lesson.md', text('no frontmatter'));
    const result = await loadPack(reader(files), siteCourse());
    expect(result.replaced).toEqual([]);
    expect(result.index.find((m) => m.id === 'ml-lifecycle')!.title).toBe('Site ml-lifecycle');
    expect(result.errors.map((e) => e.code)).toContain('LESSON_NO_FRONTMATTER');
  });

  it('refuses a lesson whose id is not the one course.yaml lists in its folder', async () => {
    const files = packFiles();
    const source = new TextDecoder().decode(files.get('21-pack-intro/lesson.md'));
    files.set(
      '21-pack-intro/lesson.md',
      text(source.replace('id: pack-intro', 'id: databases-for-ml')),
    );
    const result = await loadPack(reader(files), siteCourse());
    expect(result.errors.find((e) => e.code === 'LESSON_PACK_ID_MISMATCH')?.line).toBe(6);
    expect(result.index.find((m) => m.id === 'databases-for-ml')!.title).toBe(
      'Site databases-for-ml',
    );
  });

  it('lets pack lessons name site lessons as prerequisites and link targets, with did-you-mean', async () => {
    const files = packFiles();
    const source = new TextDecoder().decode(files.get('21-pack-intro/lesson.md'));
    files.set(
      '21-pack-intro/lesson.md',
      text(
        source
          .replace('minutes: 5', 'minutes: 5\nprerequisites: [how-this-notebook-work]')
          .replace('Start with', 'See [the site lesson](../02-ml-lifecycle/lesson.md). Start with'),
      ),
    );
    const result = await loadPack(reader(files), siteCourse());
    const prereq = result.errors.find((e) => e.code === 'LESSON_UNKNOWN_PREREQUISITE')!;
    expect(prereq.message).toContain('Did you mean "how-this-notebook-works"?');
    expect(result.errors.some((e) => e.code === 'LESSON_UNKNOWN_LINK')).toBe(false);
  });

  it('reports a broken course.yaml at its line and keeps the site course', async () => {
    const files = packFiles();
    files.set('course.yaml', text('title: x\nparts:\n  - title: A\n    lessons: [one, \n'));
    const result = await loadPack(reader(files), siteCourse());
    expect(result.found).toBe(true);
    expect(result.errors[0]).toMatchObject({
      file: 'course/course.yaml',
      code: 'LESSON_COURSE_BAD_YAML',
    });
    expect(result.course).toEqual(siteCourse().course);
  });

  it('keeps the site order and adds the new lessons in a part when course.yaml fails its checks', async () => {
    const files = packFiles();
    const yaml = new TextDecoder().decode(files.get('course.yaml'));
    // A lesson listed before its prerequisite: an order error the build reports too.
    files.set(
      'course.yaml',
      text(
        yaml.replace(
          '      - how-this-notebook-works\n      - { id: ml-lifecycle, folder: ml-lifecycle-local }',
          '      - { id: ml-lifecycle, folder: ml-lifecycle-local }\n      - how-this-notebook-works',
        ),
      ),
    );
    const result = await loadPack(reader(files), siteCourse());
    expect(result.errors.map((e) => e.code)).toContain('LESSON_COURSE_ORDER');
    expect(result.course.parts.at(-1)).toEqual({ title: 'Course pack', lessons: ['pack-intro'] });
  });

  it('refuses folder: in the site course.yaml, where lessons are found by their folders', async () => {
    const { checkCourse } = await import('../../../../src/lib/lessons/course');
    const { errors } = checkCourse(
      {
        file: 'lessons/course.yaml',
        source: 'parts:\n  - title: A\n    lessons:\n      - { id: ml-lifecycle, folder: x }\n',
      },
      siteCourse().index.slice(1, 2),
    );
    expect(errors.map((e) => `${e.line} ${e.code}`)).toEqual(['4 LESSON_COURSE_BAD_FIELD']);
  });
});

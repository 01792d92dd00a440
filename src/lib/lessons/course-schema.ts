import { z } from 'zod';

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** More parts than any course has; a file with more is a mistake (or an attack), said as such. */
const MAX_PARTS = 100;
const MAX_LESSONS_PER_PART = 200;

const lessonId = z.string().regex(kebab, 'use the kebab-case id of a lesson (its frontmatter id:)');
/** A course pack's lesson folder: one path segment, the names a lesson folder has on disk. */
const folderName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/,
    'use the name of a folder beside course.yaml (letters, digits, - and _), e.g. 21-my-lesson',
  );

/** One lesson of a part: its id, or `{ id, hidden, draft }`. */
const entrySchema = z.union([
  lessonId,
  z.strictObject({
    id: lessonId.describe('The id of the lesson (its frontmatter id:).'),
    hidden: z
      .boolean()
      .default(false)
      .describe('Reachable by link (#/lesson/<id>) but not in the lesson list. Default: false.'),
    draft: z
      .boolean()
      .default(false)
      .describe('Shown only by npm run dev; left out of the built site. Default: false.'),
    folder: folderName
      .optional()
      .describe(
        'Course packs only: the folder beside course.yaml that holds this lesson (folder/lesson.md). Default: the id, for a lesson the site does not ship.',
      ),
  }),
]);

/** lessons/course.yaml: the course's parts, in order, each an ordered list of lessons. */
export const courseSchema = z
  .strictObject({
    title: z
      .string()
      .trim()
      .min(1, 'write a title or leave the field out')
      .optional()
      .describe('Title of the course, shown above the lesson list.'),
    parts: z
      .array(
        z.strictObject({
          title: z.string().trim().min(1, 'give the part a title').describe('Title of the part.'),
          lessons: z
            .array(entrySchema)
            .min(1, 'list at least one lesson id')
            .max(MAX_LESSONS_PER_PART)
            .describe('The lessons of the part, in the order students take them.'),
        }),
      )
      .min(1, 'list at least one part')
      .max(MAX_PARTS, `a course has at most ${MAX_PARTS} parts`)
      .describe('The parts (chapters) of the course, in order. Every lesson is in exactly one.'),
  })
  .describe('The course: lessons/course.yaml (docs/authoring.md).');

export type CourseInput = z.infer<typeof courseSchema>;

/** The text of lessons/course.schema.json, for editor help; lessons:check compares it. */
export function courseJsonSchemaText(): string {
  const schema = {
    ...z.toJSONSchema(courseSchema, { io: 'input' }),
    title: 'MLOps Labbook course',
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

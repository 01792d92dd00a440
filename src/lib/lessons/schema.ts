import { z } from 'zod';

const kebab = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** The lesson frontmatter: strict, so a typo in a field name is an error, not a silent default. */
export const frontmatterSchema = z
  .strictObject({
    id: z
      .string()
      .regex(kebab, 'use kebab-case: lowercase letters, digits and single dashes')
      .describe(
        'Stable kebab-case id of the lesson, unique across lessons. Student work is stored under it: never change it once published.',
      ),
    title: z
      .string()
      .trim()
      .min(1, 'write a title')
      .describe('Title shown in the lesson list and at the top of the lesson.'),
    summary: z
      .string()
      .trim()
      .min(1, 'write a one- or two-sentence summary')
      .describe('One or two sentences saying what the lesson teaches; shown in the lesson list.'),
    objectives: z
      .array(z.string().trim().min(1, 'an objective cannot be empty'))
      .min(1, 'list at least one objective')
      .describe('Learning objectives: what the student can do after the lesson, one per item.'),
    datasets: z
      .array(z.string().regex(kebab, 'use the kebab-case name of a folder of datasets/'))
      .default([])
      .describe('Names of shipped datasets the lesson uses (folders of datasets/). Default: none.'),
    minutes: z
      .number()
      .int('use a whole number of minutes')
      .min(1)
      .max(240)
      .describe('Estimated time to complete the lesson, in whole minutes (1–240).'),
    prerequisites: z
      .array(z.string().regex(kebab, 'use the id of another lesson'))
      .default([])
      .describe('Ids of lessons to take first; each must be the id of a lesson. Default: none.'),
    project: z
      .strictObject({
        name: z
          .string()
          .regex(
            /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
            'use up to 64 letters, digits, ".", "-" or "_", starting with a letter or digit',
          )
          .describe('Name the student sees for the project seeded from the project/ folder.'),
      })
      .optional()
      .describe(
        "Settings of the starter project in the lesson's project/ folder. Default name: the folder slug.",
      ),
  })
  .describe('Frontmatter of a MLOps Labbook lesson (lessons/NN-slug/lesson.md).');

export type Frontmatter = z.infer<typeof frontmatterSchema>;
export const frontmatterFields = Object.keys(frontmatterSchema.shape) as (keyof Frontmatter)[];

/** JSON Schema of the frontmatter as authors write it (defaults optional), for editor help. */
export function frontmatterJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(frontmatterSchema, { io: 'input' }),
    title: 'MLOps Labbook lesson frontmatter',
  };
}

/** The text of lessons/lesson.schema.json: generated from the schema, compared by lessons:check. */
export function frontmatterJsonSchemaText(): string {
  return `${JSON.stringify(frontmatterJsonSchema(), null, 2)}\n`;
}

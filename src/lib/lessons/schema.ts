import { z } from 'zod';

/** The lesson frontmatter: strict, so a typo in a field name is an error, not a silent default. */
export const frontmatterSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case: lowercase letters, digits and dashes')
      .describe('Stable id of the lesson, unique across lessons; student work is stored under it.'),
    title: z
      .string()
      .min(1)
      .describe('Title shown in the lesson list and at the top of the lesson.'),
    summary: z.string().min(1).describe('One or two sentences saying what the lesson is about.'),
    objectives: z
      .array(z.string().min(1))
      .min(1)
      .describe('Learning objectives: what the student can do after the lesson.'),
    datasets: z
      .array(z.string())
      .default([])
      .describe('Names of shipped datasets the lesson uses (folders of datasets/).'),
    minutes: z.number().int().min(1).max(240).describe('Estimated time to complete, in minutes.'),
    prerequisites: z.array(z.string()).default([]).describe('Ids of lessons to take first.'),
  })
  .strict();

export type Frontmatter = z.infer<typeof frontmatterSchema>;
export const frontmatterFields = Object.keys(frontmatterSchema.shape);

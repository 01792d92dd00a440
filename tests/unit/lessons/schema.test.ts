import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { frontmatterJsonSchema, frontmatterSchema } from '../../../src/lib/lessons';
import { SCHEMA_FILE, schemaText } from '../../../scripts/lesson-schema';

describe('frontmatter schema', () => {
  it('describes every field, for authors and for the JSON Schema', () => {
    for (const [name, field] of Object.entries(frontmatterSchema.shape))
      expect(field.description, name).toMatch(/\S/);
  });

  it('is strict and makes defaulted fields optional for authors', () => {
    const json = frontmatterJsonSchema();
    expect(json.additionalProperties).toBe(false);
    expect(json.required).toEqual(['id', 'title', 'summary', 'objectives', 'minutes']);
  });

  it('is committed up to date in lessons/lesson.schema.json (npm run lessons:schema)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await schemaText());
  });
});

import { z } from 'zod';
import { targetOf, type AppForm } from './declaration';

/** Where declared forms live: the workspace's settings in the app (so export/import carry them). */
export interface AppFormPort {
  list(): Promise<AppForm[]>;
  get(name: string): Promise<AppForm | undefined>;
  put(form: AppForm): Promise<void>;
}

/** The settings key of a form. */
export const APP_FORM_KEY = 'app-form:';

const field = z.object({
  name: z.string().max(200),
  label: z.string().max(200),
  kind: z.enum(['number', 'integer', 'text', 'select', 'checkbox']),
  required: z.boolean(),
  min: z.number().optional(),
  max: z.number().optional(),
  exclusiveMin: z.boolean().optional(),
  exclusiveMax: z.boolean().optional(),
  options: z
    .array(z.union([z.string(), z.number()]))
    .max(200)
    .optional(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  description: z.string().max(500).optional(),
});

/** A stored form is read back through this: an imported workspace may carry anything. */
const storedAppForm = z.object({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
  endpoint: z.string().max(300),
  title: z.string().max(200),
  description: z.string().max(2000),
  path: z.string().max(300),
  fields: z.array(field).max(60),
  declaredAt: z.number(),
});

/** Forms kept in memory (Node tests and a kernel without storage). */
export function memoryAppFormPort(): AppFormPort {
  const forms = new Map<string, AppForm>();
  return {
    list: async () => [...forms.values()].sort((a, b) => a.name.localeCompare(b.name)),
    get: async (name) => forms.get(name),
    put: async (form) => void forms.set(form.name, structuredClone(form)),
  };
}

/** A stored value as a form, or null when it is not one (or posts elsewhere than its endpoint). */
export function readStoredForm(value: unknown): AppForm | null {
  const parsed = storedAppForm.safeParse(value);
  if (!parsed.success) return null;
  try {
    return targetOf(parsed.data.endpoint).path === parsed.data.path ? parsed.data : null;
  } catch {
    return null;
  }
}

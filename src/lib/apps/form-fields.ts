import { AppFormError } from './errors';

/** One input of a student's form, derived from a JSON Schema property of the request body. */
export interface FormField {
  name: string;
  label: string;
  kind: 'number' | 'integer' | 'text' | 'select' | 'checkbox';
  required: boolean;
  min?: number;
  max?: number;
  /** For `exclusiveMinimum`/`exclusiveMaximum`: the bound itself is refused by the API. */
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  options?: (string | number)[];
  default?: string | number | boolean;
  description?: string;
}

type Schema = Record<string, unknown>;

/** Past this a page is unreadable and slow; the fix is to choose the fields. */
export const MAX_FORM_FIELDS = 60;
const MAX_LABEL = 120;
const MAX_OPTIONS = 200;

const isObject = (v: unknown): v is Schema =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : undefined);

/** `#/components/schemas/X` within `doc`, once (a reference to a reference is followed up to 8 times). */
export function resolveRef(doc: unknown, schema: unknown): Schema | undefined {
  let current = schema;
  for (let hops = 0; hops < 8 && isObject(current) && typeof current.$ref === 'string'; hops++) {
    const m = /^#\/components\/schemas\/([^/]+)$/.exec(current.$ref);
    const schemas = isObject(doc) && isObject(doc.components) ? doc.components.schemas : undefined;
    current = m && isObject(schemas) && Object.hasOwn(schemas, m[1]!) ? schemas[m[1]!] : undefined;
  }
  return isObject(current) && current.$ref === undefined ? current : undefined;
}

/** A nullable or union property (`anyOf: [X, null]`, as zod's `.nullable()` gives): its first non-null branch. */
function mainBranch(doc: unknown, schema: Schema): Schema {
  const union = schema.anyOf ?? schema.oneOf;
  if (!Array.isArray(union)) return schema;
  const branches = union.map((b) => resolveRef(doc, b)).filter((b) => b && b.type !== 'null');
  // A union of literals (`z.union([z.literal(1), z.literal(2)])`) is one choice among them.
  if (branches.length > 1 && branches.every((b) => b!.const !== undefined))
    return { ...schema, anyOf: undefined, oneOf: undefined, enum: branches.map((b) => b!.const) };
  const branch = branches[0];
  return branch ? { ...branch, ...schema, anyOf: undefined, oneOf: undefined } : schema;
}

function primitive(v: unknown): v is string | number | boolean {
  return (
    typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
  );
}

/** One property's input: enums → select, numbers with their bounds, booleans → checkbox, else text. */
export function fieldOf(doc: unknown, name: string, raw: unknown, required: boolean): FormField {
  const schema = mainBranch(doc, resolveRef(doc, raw) ?? {});
  const label = text(schema.title, MAX_LABEL) ?? name.slice(0, MAX_LABEL);
  const description = text(schema.description, 500);
  const base = {
    name,
    label,
    required,
    ...(description ? { description } : {}),
    ...(primitive(schema.default) ? { default: schema.default } : {}),
  };
  const choices = Array.isArray(schema.enum)
    ? schema.enum
    : schema.const !== undefined
      ? [schema.const]
      : undefined;
  if (choices) {
    const options = choices
      .filter((o): o is string | number => typeof o === 'string' || typeof o === 'number')
      .slice(0, MAX_OPTIONS);
    return { ...base, kind: 'select', options };
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'boolean') return { ...base, kind: 'checkbox' };
  if (type === 'number' || type === 'integer') {
    const exMin = num(schema.exclusiveMinimum);
    const exMax = num(schema.exclusiveMaximum);
    const min = num(schema.minimum) ?? exMin;
    const max = num(schema.maximum) ?? exMax;
    return {
      ...base,
      kind: type,
      ...(min === undefined ? {} : { min }),
      ...(max === undefined ? {} : { max }),
      ...(exMin !== undefined && min === exMin ? { exclusiveMin: true } : {}),
      ...(exMax !== undefined && max === exMax ? { exclusiveMax: true } : {}),
    };
  }
  return { ...base, kind: 'text' };
}

/** The request body's object schema: its properties and which are required. */
export function bodyProperties(doc: unknown, body: unknown) {
  const schema = resolveRef(doc, body);
  const properties = schema && isObject(schema.properties) ? schema.properties : undefined;
  if (!schema || schema.type !== 'object' || !properties) return undefined;
  const required = new Set(
    Array.isArray(schema.required) ? schema.required.filter((r) => typeof r === 'string') : [],
  );
  return { properties, required };
}

/**
 * The form's fields from a request body schema: every property, or only `chosen` (in that order).
 * `where` names the endpoint in messages.
 */
export function formFields(
  doc: unknown,
  body: unknown,
  where: string,
  chosen?: readonly string[],
): FormField[] {
  const found = bodyProperties(doc, body);
  if (!found)
    throw new AppFormError(
      'no-request-schema',
      `The endpoint ${where} takes no JSON object body, so there are no fields to ask for. Bind the form to a POST route whose body is an object schema (z.object({...}) in api.js).`,
    );
  const names = chosen ?? Object.keys(found.properties);
  if (names.length > MAX_FORM_FIELDS)
    throw new AppFormError(
      'too-many-fields',
      `The request schema of ${where} has ${names.length} fields; a form shows at most ${MAX_FORM_FIELDS}. Choose the ones to ask for with fields: ['a', 'b', …]; the others take their defaults.`,
    );
  return names.map((name) => fieldOf(doc, name, found.properties[name], found.required.has(name)));
}

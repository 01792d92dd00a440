import { from as aqFrom } from 'arquero';
import { declareForm, precheck, type FormTarget } from '../apps/declaration';
import { AppFormError } from '../apps/errors';
import { AppFormPreview } from '../kernel/to-output';
import { href } from '../routes/routes';
import { defineLabNamespace } from './index';
import { apiRoot, cellFetch } from './serving-router';
import { labServices } from './services';

/** The endpoint's OpenAPI document as any page request gets it, or null when it does not answer. */
async function documentOf(target: FormTarget): Promise<unknown> {
  const response = await cellFetch(new URL(target.docsPath, apiRoot()));
  // A student's API says why it does not answer (no api.js, an error in it, no page to run it).
  if (!response.ok && target.kind === 'student') {
    const said = await response.text().catch(() => '');
    const detail = (() => {
      try {
        return String((JSON.parse(said) as { detail?: unknown }).detail ?? said);
      } catch {
        return said;
      }
    })();
    throw new AppFormError(
      'unknown-endpoint',
      `The API behind ${target.path} does not answer its OpenAPI document (${response.status}): ${detail.slice(0, 500)}`,
      'endpoint',
    );
  }
  if (!response.ok) return null;
  try {
    return (await response.json()) as unknown;
  } catch {
    return null;
  }
}

defineLabNamespace('app', () => ({
  /** Declares (or redeclares) a form page bound to an endpoint; stored before it is shown. */
  async form(input: unknown) {
    const { target } = precheck(input);
    const doc = await documentOf(target);
    const known =
      target.kind === 'built-in'
        ? (await labServices().serving.endpoints()).map((e) => e.name)
        : [];
    const form = declareForm(input, doc, known);
    await labServices().apps.put(form);
    return new AppFormPreview(form);
  },
  /** The declared forms, with their pages. */
  async list() {
    return aqFrom(
      (await labServices().apps.list()).map((f) => ({
        name: f.name,
        title: f.title,
        endpoint: f.endpoint,
        fields: f.fields.length,
        page: href('app-form', { app: f.name }),
      })),
    );
  },
  /** One declared form (its fields as the page renders them). */
  async get(name: string) {
    const form = await labServices().apps.get(name);
    if (!form)
      throw new AppFormError(
        'not-found',
        `No form named "${String(name).slice(0, 40)}". lab.app.list() shows the declared ones.`,
      );
    return form;
  },
}));

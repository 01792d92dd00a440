import { formBody, readAnswer, type FormAnswer } from '../lib/apps/answer';
import type { AppForm } from '../lib/apps/declaration';
import { dexieAppFormPort } from '../lib/store/app-forms';
import { messageOf, servingBridge } from './serving.svelte';
import { workspace } from './workspace.svelte';

const port = async () => dexieAppFormPort(await workspace.store);

/** The student's declared forms, for the Serving page's list. */
export class AppFormList {
  forms = $state.raw<AppForm[]>([]);
  problem = $state<string | null>(null);

  async load(): Promise<void> {
    try {
      this.forms = await (await port()).list();
    } catch (error) {
      this.problem = messageOf(error);
    }
  }
}

/** One form page (#/apps/<name>): its inputs' values, and what the API answered to the last submit. */
export class AppFormPage {
  form = $state.raw<AppForm | null>(null);
  values = $state<Record<string, unknown>>({});
  answer = $state.raw<FormAnswer | null>(null);
  /** Why the page cannot show the form (none by that name, no storage). */
  problem = $state<string | null>(null);
  busy = $state(false);
  loaded = $state(false);

  async load(name: string): Promise<void> {
    try {
      const form = await (await port()).get(name);
      if (!form)
        this.problem = `No form named "${name}" is declared in this workspace. Declare it from a cell with lab.app.form({ name: '${name}', endpoint: … }).`;
      else {
        this.form = form;
        for (const f of form.fields)
          this.values[f.name] = f.default ?? (f.kind === 'checkbox' ? false : '');
      }
    } catch (error) {
      this.problem = messageOf(error);
    } finally {
      this.loaded = true;
    }
  }

  set(name: string, value: unknown): void {
    this.values[name] = value;
  }

  /** Posts the inputs to the endpoint as any page request goes: fetch through the service worker, or the in-page router. */
  async submit(): Promise<void> {
    const form = this.form;
    if (!form || this.busy) return;
    this.busy = true;
    try {
      const sent = await servingBridge().send({
        method: 'POST',
        path: form.path,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(formBody(form.fields, this.values)),
      });
      this.answer = readAnswer(sent.response.status, sent.response.body, form.fields);
    } catch (error) {
      const message = messageOf(error);
      this.answer = {
        kind: 'error',
        message:
          error instanceof SyntaxError
            ? `The endpoint ${form.endpoint} answered with something that is not JSON (${message}). Check what its handler returns.`
            : `The request to ${form.endpoint} failed: ${message}`,
      };
    } finally {
      this.busy = false;
    }
  }
}

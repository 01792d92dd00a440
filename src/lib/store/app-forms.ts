import type { AppForm } from '../apps/declaration';
import { APP_FORM_KEY, readStoredForm, type AppFormPort } from '../apps/store';
import type { LabbookDB } from './db';
import { guard } from './errors';

/**
 * Forms in the settings table (`app-form:<name>`): workspace export and import carry them with no
 * schema change. What is read back is checked, so a hand-edited import cannot plant a bad form.
 */
export function dexieAppFormPort(db: LabbookDB): AppFormPort {
  return {
    list: () =>
      guard(async () =>
        (await db.settings.where('key').startsWith(APP_FORM_KEY).toArray())
          .map((row) => readStoredForm(row.value))
          .filter((f): f is AppForm => f !== null),
      ),
    get: (name) =>
      guard(
        async () =>
          readStoredForm((await db.settings.get(APP_FORM_KEY + name))?.value) ?? undefined,
      ),
    put: (form) =>
      guard(async () => {
        await db.settings.put({
          key: APP_FORM_KEY + form.name,
          value: form,
          updatedAt: Date.now(),
        });
      }),
  };
}

import { describe, expect, inject } from 'vitest';
import { inFreshPage, useChromium } from '../../browser/chromium';
import {
  FIRST_LESSON,
  cells,
  openLesson,
  outputText,
  run,
  setCode,
} from '../../browser/notebook-page';
import { hostile } from '../hostile';

const browser = useChromium();

describe('storage in Chromium', () => {
  hostile(
    'storage',
    'a workspace database from a newer Labbook: cells say their work is not stored',
    { guards: 'data', timeout: 90_000 },
    async () => {
      await inFreshPage(browser(), async (page) => {
        await openLesson(page, inject('siteUrl'), FIRST_LESSON);
        // What an older cached copy of the site meets after a newer one upgraded the database.
        await page.evaluate(
          () =>
            new Promise<void>((resolve, reject) => {
              const request = indexedDB.open('mlops-labbook', 9990);
              request.onsuccess = () => {
                request.result.close();
                resolve();
              };
              request.onerror = () => reject(request.error);
            }),
        );
        await page.reload();
        await openLesson(page, inject('siteUrl'), FIRST_LESSON);
        const cell = cells(page).first();
        // A cell that stores (a plain one stores nothing, and runs before the kernel's storage
        // is even opened).
        await setCode(cell, "await lab.tracking.setExperiment('kept or not');\n6 * 7");
        await run(cell);
        const text = await outputText(cell);
        expect(text).toContain('kept in memory only');
        expect(text).toContain('newer version of the Labbook');
        expect(text).toContain('42');
      });
    },
  );
});

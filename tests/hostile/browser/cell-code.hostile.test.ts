import { describe, expect, inject } from 'vitest';
import type { Page } from 'playwright-core';
import { inFreshPage, screenshot, useChromium } from '../../browser/chromium';
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

/** A run, a dataset and an edited cell: the student's work a hostile cell must not reach. */
const SEED = `await lab.tracking.setExperiment('hostile');
await lab.tracking.startRun({ name: 'keep-me' });
await lab.tracking.logMetrics({ kept: 1 });
await lab.tracking.endRun();
await lab.data.save('keep-me', aq.table({ a: [1, 2, 3] }));
'seeded'`;

/** Runs each attempt, catching what it raises: one line per attempt, `label: message`. */
const ATTEMPT = `const out = [];
const done = (r) => new Promise((ok, no) => {
  r.onsuccess = () => ok(r.result);
  r.onerror = () => no(r.error);
  r.onblocked = () => ok('blocked');
});
const attempt = async (label, fn) => {
  try { await fn(); out.push(label + ': NOT REFUSED'); }
  catch (e) { out.push(label + ': ' + e.message); }
};
`;

/** Counts rows of the Labbook's own database, read from the page (which cells cannot reach). */
function stored(page: Page): Promise<Record<string, number> | null> {
  return page.evaluate(
    () =>
      new Promise<Record<string, number> | null>((resolve, reject) => {
        const request = indexedDB.open('mlops-labbook');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const names = ['runs', 'datasets', 'cells'];
          if (!names.every((n) => db.objectStoreNames.contains(n))) {
            db.close();
            resolve(null);
            return;
          }
          const tx = db.transaction(names);
          const counts: Record<string, number> = {};
          for (const name of names) {
            const count = tx.objectStore(name).count();
            count.onsuccess = () => (counts[name] = count.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(counts);
          };
        };
      }),
  );
}

async function seeded(page: Page): Promise<Record<string, number> | null> {
  await openLesson(page, inject('siteUrl'), FIRST_LESSON);
  const cell = cells(page).first();
  await setCode(cell, SEED);
  await run(cell);
  expect(await outputText(cell)).toContain('seeded');
  const before = await stored(page);
  expect(before?.runs).toBeGreaterThan(0);
  expect(before?.datasets).toBeGreaterThan(0);
  expect(before?.cells).toBeGreaterThan(0);
  return before;
}

/** Every attempt line says it was refused, and points the student to the Workspace page. */
function expectRefused(text: string, labels: string[]): void {
  for (const label of labels) {
    const line = text.split('\n').find((l) => l.startsWith(`${label}:`));
    expect(line ?? text, label).toMatch(/was refused/);
  }
}

describe('cell code against the Labbook’s own storage', () => {
  hostile(
    'cell-code',
    'deleteDatabase / open of the Labbook database, through every handle to IndexedDB and a patched IDBTransaction.prototype',
    { guards: 'data', timeout: 120_000 },
    async () => {
      await inFreshPage(browser(), async (page) => {
        const before = await seeded(page);
        const cell = cells(page).nth(1);
        await setCode(
          cell,
          `${ATTEMPT}
await attempt('deleteDatabase', () => done(indexedDB.deleteDatabase('mlops-labbook')));
await attempt('getter', () => done(Object.getOwnPropertyDescriptor(WorkerGlobalScope.prototype, 'indexedDB').get.call(self).deleteDatabase('mlops-labbook')));
await attempt('prototype', () => done(IDBFactory.prototype.deleteDatabase.call(indexedDB, 'mlops-labbook')));
await attempt('open', async () => { const db = await done(indexedDB.open('mlops-labbook')); db.close(); });
await attempt('snapshots', () => done(indexedDB.deleteDatabase('mlops-labbook-snapshots')));
// Built-ins are frozen (SES lockdown), so the patch is refused; the guard must hold either way.
const startsWith = String.prototype.startsWith;
try { String.prototype.startsWith = () => false; } catch (e) { out.push('startsWith patch: ' + e.message.split('.')[0]); }
await attempt('patched startsWith', () => done(indexedDB.deleteDatabase('mlops-labbook')));
try { String.prototype.startsWith = startsWith; } catch {}
self.indexedDB = { deleteDatabase() {}, open() {} };
delete self.indexedDB;
await attempt('replaced', () => done(self.indexedDB.deleteDatabase('mlops-labbook')));
const mine = await done(Object.assign(indexedDB.open('my-notes', 1), { onupgradeneeded: (e) => e.target.result.createObjectStore('notes') }));
await done(mine.transaction('notes', 'readwrite').objectStore('notes').put(42, 'answer'));
out.push('own database: ' + (await done(mine.transaction('notes').objectStore('notes').get('answer'))));
mine.close();
await done(indexedDB.deleteDatabase('my-notes'));
let leaked;
const objectStore = IDBTransaction.prototype.objectStore;
try { IDBTransaction.prototype.objectStore = function (...args) { leaked ??= this.db; return objectStore.apply(this, args); }; } catch (e) { out.push('objectStore patch: ' + e.message.split('.')[0]); }
await lab.tracking.searchRuns();
out.push('leaked: ' + (leaked ? leaked.name : 'nothing'));
if (leaked) await done(leaked.transaction('runs', 'readwrite').objectStore('runs').clear());
await lab.tracking.startRun({ name: 'after' });
await lab.tracking.endRun();
out.join('\\n')`,
        );
        await run(cell);
        const text = await outputText(cell);
        expectRefused(text, [
          'deleteDatabase',
          'getter',
          'prototype',
          'open',
          'snapshots',
          'patched startsWith',
          'replaced',
        ]);
        expect(text).toContain('Use the Workspace page');
        expect(text).toContain('own database: 42');
        // Patching IDBTransaction.prototype does not hand the cell the lab API's own connection.
        expect(text).toContain('leaked: nothing');
        // Both patches are refused with why, not silently dropped.
        expect(text).toContain('startsWith patch: Cannot change String');
        expect(text).toContain('objectStore patch: Cannot change IDBTransaction');
        await screenshot(page, 'hostile-cell-code-indexeddb');
        // Intact, and the lab's own storage still works after the cell replaced `self.indexedDB`.
        const after = await stored(page);
        expect(after).toEqual({ ...before!, runs: before!.runs! + 1, cells: after?.cells });
        expect(after?.cells).toBeGreaterThanOrEqual(before!.cells!);
      });
    },
  );

  hostile(
    'cell-code',
    'caches.delete / open of the offline copy, through globalThis and CacheStorage.prototype',
    { guards: 'data', timeout: 120_000 },
    async () => {
      await inFreshPage(browser(), async (page) => {
        await openLesson(page, inject('siteUrl'), FIRST_LESSON);
        await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
          timeout: 60_000,
        });
        const precache = () =>
          page.evaluate(async () => {
            const names = (await caches.keys()).filter((n) => n.startsWith('workbox-precache'));
            return Promise.all(
              names.map(async (n) => (await (await caches.open(n)).keys()).length),
            );
          });
        await expect.poll(precache, { timeout: 60_000 }).toEqual([expect.any(Number)]);
        const before = await precache();
        expect(before[0]).toBeGreaterThan(10);
        const cell = cells(page).first();
        await setCode(
          cell,
          `${ATTEMPT}
const names = await caches.keys();
out.push('names: ' + names.join(', '));
for (const name of names) await attempt('keys then delete ' + name, () => caches.delete(name));
await attempt('globalThis', () => globalThis.caches.delete(names[0]));
await attempt('prototype', () => CacheStorage.prototype.delete.call(caches, names[0]));
await attempt('open', async () => { const c = await caches.open(names[0]); await c.delete((await c.keys())[0]); });
const mine = await caches.open('my-cache');
await mine.put('https://example.invalid/note', new Response('kept'));
out.push('own cache: ' + (await (await mine.match('https://example.invalid/note')).text()));
out.push('own cache deleted: ' + (await caches.delete('my-cache')));
out.join('\\n')`,
        );
        await run(cell);
        const text = await outputText(cell);
        const names = /names: (.*)/.exec(text)?.[1]?.split(', ') ?? [];
        expect(names.some((n) => n.startsWith('workbox-precache'))).toBe(true);
        expectRefused(text, [
          ...names.map((n) => `keys then delete ${n}`),
          'globalThis',
          'prototype',
          'open',
        ]);
        expect(text).toContain('offline copy');
        expect(text).toContain('own cache: kept');
        expect(text).toContain('own cache deleted: true');
        expect(await precache()).toEqual(before);
      });
    },
  );

  hostile(
    'cell-code',
    'a nested worker from a blob: or data: URL (a fresh scope without the guards)',
    { guards: 'data', timeout: 120_000 },
    async () => {
      await inFreshPage(browser(), async (page) => {
        const before = await seeded(page);
        const cell = cells(page).nth(1);
        await setCode(
          cell,
          `${ATTEMPT}
const script = "indexedDB.deleteDatabase('mlops-labbook').onsuccess = () => postMessage('deleted')";
const blob = URL.createObjectURL(new Blob([script], { type: 'text/javascript' }));
const data = 'data:text/javascript,' + encodeURIComponent(script);
const started = (make) => () => new Promise((ok, no) => {
  const worker = make();
  worker.onmessage = () => ok();
  worker.onerror = () => ok();
  setTimeout(ok, 3000);
});
await attempt('blob', started(() => new Worker(blob)));
await attempt('data', started(() => new Worker(data, { type: 'module' })));
await attempt('subclass', started(() => new (class extends Worker {})(blob)));
await attempt('constructor', started(() => new Worker.prototype.constructor(blob)));
await attempt('reflect', started(() => Reflect.construct(Worker, [blob])));
await attempt('replaced', started(() => { self.Worker = function () {}; return new Worker(blob); }));
out.join('\\n')`,
        );
        await run(cell);
        const text = await outputText(cell);
        expectRefused(text, ['blob', 'data', 'subclass', 'constructor', 'reflect', 'replaced']);
        expect(text).toContain("Labbook's own script files");
        const after = await stored(page);
        expect(after).toEqual({ ...before!, cells: after?.cells });
      });
    },
  );
});

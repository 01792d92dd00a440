import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject } from 'vitest';
import { inFreshPage, newContext, useChromium } from '../../browser/chromium';
import { openLesson, runAll } from '../../browser/notebook-page';
import { hostile } from '../hostile';
import { COURSE_PATIENT } from '../../browser/course-patient';

const browser = useChromium();
const siteUrl = inject('siteUrl');

// Another site: `localhost` is not the Labbook's `127.0.0.1`, so this is cross-site as well as
// cross-origin (a different port alone would be same-site).
let attacker: Server;
let attackerUrl: string;
beforeAll(async () => {
  attacker = createServer((_, res) =>
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end('<!doctype html><title>elsewhere</title>'),
  );
  await new Promise<void>((ok) => attacker.listen(0, '127.0.0.1', ok));
  attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((ok) => attacker.close(() => ok())));

/** A Labbook page whose service worker answers the API, with the course's model deployed. */
async function labbookWithModel(page: Page) {
  await openLesson(page, siteUrl, 'serving-api');
  await runAll(page);
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 30_000,
  });
}

/** How many requests the log holds for the course's endpoint (read from the Labbook's page). */
const loggedCount = (page: Page) =>
  page.evaluate(async () => {
    const open = indexedDB.open('mlops-labbook');
    const db = await new Promise<IDBDatabase>(
      (resolve) => (open.onsuccess = () => resolve(open.result)),
    );
    return new Promise<number>((resolve) => {
      const req = db
        .transaction('requests')
        .objectStore('requests')
        .index('endpoint')
        .count('diabetes');
      req.onsuccess = () => resolve(req.result);
    });
  });

describe('prediction API requests in Chromium', () => {
  hostile(
    'api-request',
    "another site's page calls predict (simple, preflighted, no-cors, form post): reads nothing, nothing scored or logged",
    { guards: 'security', timeout: 180_000 },
    async () => {
      const context = await newContext(browser());
      const labbook = await context.newPage();
      try {
        await labbookWithModel(labbook);
        const predictUrl = new URL('api/v1/models/diabetes/predict', siteUrl).href;
        // Our own answers carry no CORS permission, whatever route answers.
        const own = await labbook.evaluate(async (url) => {
          const res = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          });
          return [...res.headers.keys()].filter((h) => h.startsWith('access-control-'));
        }, predictUrl);
        expect(own).toEqual([]);
        await labbook.waitForTimeout(300);
        const before = await loggedCount(labbook);

        const evil = await context.newPage();
        await evil.goto(attackerUrl);
        const tries = await evil.evaluate(
          async ([url, body]) => {
            const attempt = async (init: RequestInit) => {
              try {
                const res = await fetch(url!, init);
                return { type: res.type, status: res.status, text: await res.text() };
              } catch (error) {
                return { blocked: String(error) };
              }
            };
            return {
              simple: await attempt({
                method: 'POST',
                headers: { 'content-type': 'text/plain' },
                body,
              }),
              preflighted: await attempt({
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body,
              }),
              noCors: await attempt({
                method: 'POST',
                mode: 'no-cors',
                headers: { 'content-type': 'text/plain' },
                body,
              }),
              get: await attempt({ method: 'GET' }),
            };
          },
          [predictUrl, JSON.stringify(COURSE_PATIENT)],
        );
        expect(tries.simple).toEqual({ blocked: expect.stringMatching(/TypeError/) });
        expect(tries.preflighted).toEqual({ blocked: expect.stringMatching(/TypeError/) });
        expect(tries.get).toEqual({ blocked: expect.stringMatching(/TypeError/) });
        expect(tries.noCors).toEqual({ type: 'opaque', status: 0, text: '' });

        // A form post is a navigation: the Labbook's service worker sees it (a fetch from another
        // origin never reaches it). It must be refused unread, unscored and unlogged.
        const [name, value] = [JSON.stringify(COURSE_PATIENT).slice(0, -1) + ',"x":"', '"}'];
        await Promise.all([
          evil.waitForURL(predictUrl),
          evil.evaluate(
            ([url, n, v]) => {
              const form = document.createElement('form');
              Object.assign(form, { method: 'POST', action: url, enctype: 'text/plain' });
              const input = Object.assign(document.createElement('input'), { name: n, value: v });
              form.append(input);
              document.body.append(form);
              form.submit();
            },
            [predictUrl, name, value],
          ),
        ]);
        expect(await evil.textContent('body')).toMatch(
          /"detail":"Forbidden: the prediction API does not take form posts/,
        );
        await labbook.waitForTimeout(500);
        expect(await loggedCount(labbook)).toBe(before);
      } finally {
        await context.close();
      }
    },
  );

  hostile(
    'api-request',
    'through the service worker: wrong method, unknown route, 100 KB x- headers, then a valid predict',
    { guards: 'availability', timeout: 180_000 },
    async () => {
      await inFreshPage(browser(), async (page) => {
        await labbookWithModel(page);
        const answers = await page.evaluate(async (patient) => {
          const call = async (path: string, init: RequestInit = {}) => {
            try {
              const res = await fetch(path, init);
              return {
                status: res.status,
                allow: res.headers.get('allow'),
                by: res.headers.get('x-served-by'),
                body: await res.text(),
              };
            } catch (error) {
              return { status: 0, allow: null, by: null, body: String(error) };
            }
          };
          const post = (headers: Record<string, string>) =>
            call('api/v1/models/diabetes/predict', {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...headers },
              body: JSON.stringify(patient),
            });
          const huge = 'k'.repeat(100 * 1024);
          return {
            wrongMethod: await call('api/v1/models/diabetes/predict', {
              method: 'PUT',
              body: '{}',
            }),
            unknown: await call('api/v1/models/diabetes/explain', { method: 'POST', body: '{}' }),
            bigHeader: await post({ 'x-anything': huge }),
            bigKey: await post({ 'x-request-key': huge }),
            valid: await post({}),
          };
        }, COURSE_PATIENT);
        expect(answers.wrongMethod).toMatchObject({
          status: 405,
          allow: 'POST',
          by: 'labbook-service-worker',
        });
        expect(answers.unknown).toMatchObject({ status: 404, by: 'labbook-service-worker' });
        expect(answers.bigHeader.status).toBe(200);
        expect(answers.bigKey.status).toBe(422);
        expect(answers.bigKey.body).toMatch(/"loc":\["header","x-request-key"\]/);
        expect(answers.valid.status).toBe(200);
      });
    },
  );
});

import { describe, expect, it } from 'vitest';
import {
  META_POLICY,
  PAGE_POLICY,
  TRAIN_WORKER_POLICY,
  WORKER_POLICY,
  policyFor,
  securityHeaders,
} from '../../../src/lib/pwa/csp';

const directives = (policy: string) =>
  new Map(
    policy.split('; ').map((d) => {
      const [name, ...sources] = d.split(' ');
      return [name!, sources];
    }),
  );

const SITE = 'http://127.0.0.1:4173/labbook/';

describe('Content-Security-Policy', () => {
  it('lets pages run only the site’s own scripts: no eval, no inline script, no blob: workers', () => {
    const page = directives(policyFor('document', SITE));
    expect(page.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(page.get('worker-src')).toEqual(["'self'"]);
    expect(page.get('connect-src')).toEqual(["'self'"]);
    expect(page.get('object-src')).toEqual(["'none'"]);
    expect(page.get('base-uri')).toEqual(["'self'"]);
    expect(page.get('form-action')).toEqual(["'self'"]);
    expect(page.get('frame-ancestors')).toEqual(["'self'"]);
  });

  it('gives the <meta> the page policy without the directives a <meta> ignores', () => {
    const meta = directives(META_POLICY);
    expect(meta.has('frame-ancestors')).toBe(false);
    expect(meta.get('script-src')).toEqual(PAGE_POLICY['script-src']);
  });

  it('allows eval only in workers, and blob: workers and scripts only in the training worker', () => {
    const kernel = directives(policyFor('worker', `${SITE}assets/kernel.worker-Df92hi3w.js`));
    expect(kernel.get('script-src')).toEqual(WORKER_POLICY['script-src']);
    expect(kernel.get('script-src')).toContain("'unsafe-eval'");
    expect(kernel.get('worker-src')).toEqual(["'self'"]);
    const train = directives(policyFor('worker', `${SITE}assets/train.worker-BcNLxXhy.js`));
    expect(train.get('script-src')).toEqual(TRAIN_WORKER_POLICY['script-src']);
    expect(train.get('worker-src')).toEqual(["'self'", 'blob:']);
    // A page or script named like the training worker is still a page.
    expect(
      directives(policyFor('script', `${SITE}assets/train.worker-BcNLxXhy.js`)).get('worker-src'),
    ).toEqual(["'self'"]);
    expect(
      directives(policyFor('worker', `${SITE}assets/x-train.worker-1.js.map`)).get('worker-src'),
    ).toEqual(["'self'"]);
  });

  it('never sniffs a file into another type', () => {
    expect(securityHeaders('document', SITE)['X-Content-Type-Options']).toBe('nosniff');
  });
});

import { describe, expect, it } from 'vitest';
import { KernelError } from '../../../src/lib/kernel/errors';
import {
  isProtectedCache,
  isProtectedDatabase,
  refuseDatabase,
  workerUrlAllowed,
} from '../../../src/lib/kernel/protected-storage';
import { INTEGRITY_CACHE } from '../../../src/lib/pwa/precache-guard';

describe('protected storage', () => {
  it('protects every mlops-labbook database and no other', () => {
    expect(isProtectedDatabase('mlops-labbook')).toBe(true);
    expect(isProtectedDatabase('mlops-labbook-snapshots')).toBe(true);
    expect(isProtectedDatabase('my-notes')).toBe(false);
    expect(isProtectedDatabase('MLOPS-LABBOOK')).toBe(false); // IndexedDB names are case-sensitive
  });

  it('protects the service worker caches, whatever String.prototype says', () => {
    const original = String.prototype.startsWith;
    String.prototype.startsWith = () => false;
    try {
      expect(isProtectedCache('workbox-precache-v2-https://example.org/labbook/')).toBe(true);
    } finally {
      String.prototype.startsWith = original;
    }
    expect(isProtectedCache('my-cache')).toBe(false);
  });

  it("protects the Labbook's own caches beside Workbox's (the precache's fingerprints)", () => {
    expect(isProtectedCache(INTEGRITY_CACHE)).toBe(true);
  });

  it('refuses with a coded error that says what, why and what to do instead', () => {
    const error = refuseDatabase('deleteDatabase', 'mlops-labbook');
    expect(error).toBeInstanceOf(KernelError);
    expect(error.code).toBe('protected-storage');
    expect(error.message).toMatch(/^indexedDB\.deleteDatabase\("mlops-labbook"\) was refused/);
    expect(error.message).toContain('Use the Workspace page');
  });

  it('allows workers only from the site’s own http(s) scripts', () => {
    const base = 'https://example.org/labbook/assets/kernel.worker.js';
    const origin = 'https://example.org';
    expect(workerUrlAllowed('./pipeline.worker.js', base, origin)).toBe(
      'https://example.org/labbook/assets/pipeline.worker.js',
    );
    expect(workerUrlAllowed('blob:https://example.org/0a1b', base, origin)).toBeUndefined();
    expect(workerUrlAllowed('data:text/javascript,1', base, origin)).toBeUndefined();
    expect(workerUrlAllowed('https://evil.example/w.js', base, origin)).toBeUndefined();
    expect(workerUrlAllowed('https://example.org.evil.example/w.js', base, origin)).toBeUndefined();
    expect(workerUrlAllowed('http://[', base, origin)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import {
  shouldReloadForIsolation,
  withIsolationHeaders,
  type IsolationReloadState,
} from '../../../src/lib/pwa/isolation';

describe('withIsolationHeaders', () => {
  it('adds COOP and COEP, keeping status, body and the other headers', async () => {
    const original = new Response('{"ok":1}', {
      status: 201,
      statusText: 'Created',
      headers: { 'content-type': 'application/json', 'x-served-by': 'sw' },
    });
    const isolated = withIsolationHeaders(original);
    expect(isolated.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(isolated.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(isolated.headers.get('content-type')).toBe('application/json');
    expect(isolated.headers.get('x-served-by')).toBe('sw');
    expect([isolated.status, isolated.statusText]).toEqual([201, 'Created']);
    expect(await isolated.text()).toBe('{"ok":1}');
  });

  it('replaces a weaker policy the host already sent', () => {
    const original = new Response('', {
      headers: { 'cross-origin-embedder-policy': 'unsafe-none' },
    });
    expect(withIsolationHeaders(original).headers.get('cross-origin-embedder-policy')).toBe(
      'require-corp',
    );
  });

  it('sets the extra headers it is given (the Content-Security-Policy), replacing the host’s', () => {
    const original = new Response('', { headers: { 'content-security-policy': 'default-src *' } });
    const headers = withIsolationHeaders(original, {
      'Content-Security-Policy': "default-src 'self'",
    }).headers;
    expect(headers.get('content-security-policy')).toBe("default-src 'self'");
    expect(headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it('passes a status-0 response through untouched: it cannot be rebuilt', () => {
    const error = Response.error();
    expect(withIsolationHeaders(error)).toBe(error);
  });
});

describe('shouldReloadForIsolation', () => {
  const firstVisit: IsolationReloadState = {
    isolated: false,
    controlledAtLoad: false,
    touched: false,
    reloadedBefore: false,
  };

  it('reloads the untouched page that installed the service worker', () => {
    expect(shouldReloadForIsolation(firstVisit)).toBe(true);
  });

  it.each([
    ['the page is isolated already', { isolated: true }],
    ['the browser has no notion of isolation', { isolated: undefined }],
    [
      'the service worker served this page (its headers did not isolate it)',
      { controlledAtLoad: true },
    ],
    ['the student has touched the page', { touched: true }],
    ['this tab reloaded itself before', { reloadedBefore: true }],
  ] as const)('does not reload when %s', (_, change) => {
    expect(shouldReloadForIsolation({ ...firstVisit, ...change })).toBe(false);
  });
});

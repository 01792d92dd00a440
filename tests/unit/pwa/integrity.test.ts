import { describe, expect, it } from 'vitest';
import { fingerprint, parseFingerprint, sameFingerprint } from '../../../src/lib/pwa/integrity';

describe('fingerprints of precached files', () => {
  it('are the size and SHA-256 of the bytes', async () => {
    const abc = await fingerprint(new TextEncoder().encode('abc').buffer as ArrayBuffer);
    // FIPS 180-2's example digest of "abc".
    expect(abc).toEqual({
      size: 3,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });

  it('tell a truncated or overwritten copy from the original', async () => {
    const original = await fingerprint(
      new TextEncoder().encode('export const a = 1;').buffer as ArrayBuffer,
    );
    const truncated = await fingerprint(
      new TextEncoder().encode('export const a').buffer as ArrayBuffer,
    );
    const same = await fingerprint(
      new TextEncoder().encode('export const b = 1;').buffer as ArrayBuffer,
    );
    expect(sameFingerprint(original, original)).toBe(true);
    expect(sameFingerprint(original, truncated)).toBe(false);
    expect(sameFingerprint(original, same)).toBe(false);
  });

  it('read back a stored record, and a damaged record as none', async () => {
    const stored = await fingerprint(new ArrayBuffer(0));
    expect(parseFingerprint(JSON.stringify(stored))).toEqual(stored);
    expect(parseFingerprint('')).toBeUndefined();
    expect(parseFingerprint('null')).toBeUndefined();
    expect(parseFingerprint('{"size":"3","sha256":"x"}')).toBeUndefined();
    expect(parseFingerprint('{"size":3,"sha256":"ABC"}')).toBeUndefined();
  });
});

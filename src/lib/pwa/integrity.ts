/** What the service worker remembers of a precached file, to tell a damaged copy from a good one. */
export interface Fingerprint {
  size: number;
  /** Lowercase hex. */
  sha256: string;
}

export async function fingerprint(bytes: ArrayBuffer): Promise<Fingerprint> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  return { size: bytes.byteLength, sha256 };
}

export function sameFingerprint(a: Fingerprint, b: Fingerprint): boolean {
  return a.size === b.size && a.sha256 === b.sha256;
}

/** A stored record read back; anything else (a damaged record) reads as no record. */
export function parseFingerprint(text: string): Fingerprint | undefined {
  try {
    const value = JSON.parse(text) as Partial<Fingerprint> | null;
    return typeof value?.size === 'number' &&
      typeof value.sha256 === 'string' &&
      /^[0-9a-f]{64}$/.test(value.sha256)
      ? { size: value.size, sha256: value.sha256 }
      : undefined;
  } catch {
    return undefined;
  }
}

/** Semantic versions for tags: `vMAJOR.MINOR.PATCH`, with an optional `-pre.release` part. */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string[];
}

const PATTERN =
  /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?$/;

export function parseTagVersion(tag: string): SemVer | undefined {
  const m = PATTERN.exec(tag);
  if (!m) return undefined;
  const n = (s: string) => Number(s);
  if (![m[1], m[2], m[3]].every((s) => Number.isSafeInteger(n(s!)))) return undefined;
  return {
    major: n(m[1]!),
    minor: n(m[2]!),
    patch: n(m[3]!),
    prerelease: m[4] ? m[4].split('.') : [],
  };
}

export function formatTag(v: SemVer): string {
  return `v${v.major}.${v.minor}.${v.patch}${v.prerelease.length ? `-${v.prerelease.join('.')}` : ''}`;
}

/** Semver precedence: <0, 0, >0. A pre-release sorts before its release. */
export function compareVersions(a: SemVer, b: SemVer): number {
  for (const key of ['major', 'minor', 'patch'] as const)
    if (a[key] !== b[key]) return a[key] - b[key];
  if (!a.prerelease.length || !b.prerelease.length)
    return b.prerelease.length - a.prerelease.length;
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease.length > i ? b.prerelease[i] : undefined;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (x === y) continue;
    const nx = /^\d+$/.test(x),
      ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function bump(v: SemVer | undefined, part: 'major' | 'minor' | 'patch'): SemVer {
  const base = v ?? { major: 0, minor: 0, patch: 0, prerelease: [] };
  if (part === 'major') return { major: base.major + 1, minor: 0, patch: 0, prerelease: [] };
  if (part === 'minor')
    return { major: base.major, minor: base.minor + 1, patch: 0, prerelease: [] };
  return { ...base, patch: base.patch + (base.prerelease.length ? 0 : 1), prerelease: [] };
}

import { describe, expect, it } from 'vitest';
import { parseWorkflow } from '../../../src/lib/ci/parse-workflow';
import { branchMatches, triggers } from '../../../src/lib/ci/triggers';

const workflow = (on: string) => {
  const parsed = parseWorkflow(
    `on:\n${on}\njobs:\n  a:\n    steps: [{ run: echo }]\n`,
    '.github/workflows/w.yml',
  );
  if (!parsed.ok) throw new Error(parsed.problems[0]!.message);
  return parsed.workflow;
};
const sha = 'a'.repeat(40);

describe('triggers', () => {
  it('matches branch patterns as GitHub does', () => {
    expect(branchMatches(['main'], 'main')).toBe(true);
    expect(branchMatches(['feature/*'], 'feature/x')).toBe(true);
    expect(branchMatches(['feature/*'], 'feature/x/y')).toBe(false);
    expect(branchMatches(['feature/**'], 'feature/x/y')).toBe(true);
    expect(branchMatches(['releases/**', '!releases/**-alpha'], 'releases/1.0-alpha')).toBe(false);
    expect(branchMatches(['v?.x'], 'v1.x')).toBe(true);
    expect(branchMatches(['a.b'], 'axb')).toBe(false); // a dot is a dot
  });

  it('push by branch, merge requests by their base, dispatch, alerts by type', () => {
    const w = workflow(
      "  push:\n    branches-ignore: ['wip/**']\n  pull_request:\n    branches: [main]\n  repository_dispatch:\n    types: [alert]",
    );
    expect(triggers(w, { name: 'push', branch: 'feature/x', sha })).toBe(true);
    expect(triggers(w, { name: 'push', branch: 'wip/x', sha })).toBe(false);
    expect(triggers(w, { name: 'pull_request', base: 'main', head: 'wip/x', sha })).toBe(true);
    expect(triggers(w, { name: 'pull_request', base: 'dev', head: 'x', sha })).toBe(false);
    expect(triggers(w, { name: 'workflow_dispatch', branch: 'main', sha, inputs: {} })).toBe(false);
    expect(
      triggers(w, { name: 'repository_dispatch', branch: 'main', sha, type: 'alert', payload: {} }),
    ).toBe(true);
    expect(
      triggers(w, {
        name: 'repository_dispatch',
        branch: 'main',
        sha,
        type: 'deploy',
        payload: {},
      }),
    ).toBe(false);
  });
});

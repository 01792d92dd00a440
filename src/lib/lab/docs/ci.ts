import type { LabNamespaceDoc } from './types';

export const ciDocs: LabNamespaceDoc = {
  doc: "CI/CD/CT for the active project: its .github/workflows/*.yml in GitHub Actions syntax (docs/ci.md), run on its HEAD commit. Each call waits for the runs and shows a table; the Project page's CI panel shows logs.",
  members: {
    push: {
      signature: 'await lab.ci.push()',
      doc: "Runs the workflows whose `on: push` matches HEAD's branch; returns the finished runs.",
    },
    dispatch: {
      signature: "await lab.ci.dispatch('ci', { alpha: '0.1' })",
      doc: 'Runs one workflow with `on: workflow_dispatch`, by name or file, with its declared inputs.',
    },
    advanceClock: {
      signature: 'await lab.ci.advanceClock(24 * 3600 * 1000)',
      doc: 'Moves the simulated clock on and runs the `schedule:` workflows whose cron fell due (UTC).',
    },
    alert: {
      signature: "await lab.ci.alert('alert', { reason: 'drift' })",
      doc: 'A monitoring alert (continuous training): runs the workflows `on: repository_dispatch` of that type.',
    },
    runs: { signature: 'await lab.ci.runs()', doc: "The project's runs, newest first." },
    protect: {
      signature: "await lab.ci.protect(['ci'])",
      doc: 'Branch protection: merging into main is refused until these workflows are green on the commit.',
    },
  },
};

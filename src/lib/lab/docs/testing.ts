import type { LabNamespaceDoc } from './types';

export const testDocs: LabNamespaceDoc = {
  doc: "The project's tests (*.test.js, *.spec.js): Jest-style describe/test/it with chai's expect, run in a worker of their own. Cells import project modules with `import { haversine } from 'project:src/features.js'`.",
  members: {
    run: {
      signature: "await lab.test.run({ files: ['tests/features.test.js'], coverage: true })",
      doc: "Runs the active project's tests (all, or `files`) and shows a table; returns the report: per file and test the status, duration and failure (message, expected/received diff, file:line:column), the summary and, with `coverage`, lines covered per module. `timeoutMs` sets the default per-test timeout (2000). `replace: { 'src/features.js': text }` runs the suite with those files in place of the project's, this run only (nothing is stored): how a mutant is put in front of your tests.",
    },
    mutate: {
      signature:
        "await lab.test.mutate([{ name: 'radius in miles', file: 'src/features.js', find: '6371', replace: '3959' }], { files: ['tests/features.test.js'] })",
      doc: 'Mutation testing (as mutmut does for pytest): runs the suite on the project, then once per mutant — a copy of one file with `find` replaced (it must occur once) or with its whole `text` — and shows which mutants a failing test caught and which survived. `equivalent: true` marks a refactoring that keeps the behaviour: the suite must still pass on it. Nothing is stored.',
    },
  },
};

import type { LabNamespaceDoc } from './types';

export const dataDocs: LabNamespaceDoc = {
  doc: 'Datasets by name and version: load, save with lineage, list versions.',
  members: {
    load: {
      signature: "await lab.data.load('nyc-taxi' | 'name@v-…' | 'v-…')",
      doc: 'An arquero table of the newest (or the given) version of a dataset.',
    },
    info: {
      signature: "await lab.data.info('nyc-taxi')",
      doc: 'The version record: id, rows, schema, parents and the transform that made it.',
    },
    versions: {
      signature: "await lab.data.versions('nyc-taxi'?)",
      doc: 'A table of stored versions, newest first.',
    },
    save: {
      signature: 'await lab.data.save(name, table, { from, transform, description })',
      doc: 'Stores a table as a version (its id is a hash of its content) with its parents. Equal content under another name is the same version with one more name.',
    },
    remove: {
      signature: "await lab.data.remove('name' | 'name@v-…')",
      doc: 'Removes a name from all its versions (or from one); data another name still uses stays.',
    },
    versionOf: {
      signature: 'lab.data.versionOf(table)',
      doc: 'The version a table was loaded from or saved as, if any.',
    },
    summary: {
      signature: "await lab.data.summary(table | 'name')",
      doc: "Per-column count, missing, mean, std, min, median, max, unique, top (pandas' describe).",
    },
    diff: {
      signature: 'await lab.data.diff(before, after)',
      doc: 'Schema changes, rows added/removed/unchanged and statistics side by side.',
    },
    suite: {
      signature: "lab.data.suite('name').expectColumnValuesToNotBeNull('id')…",
      doc: 'Builds a Great-Expectations-style suite; .toJSON() gives its JSON.',
    },
    validate: {
      signature: 'await lab.data.validate(table | name, suite | json)',
      doc: 'Runs a suite: pass/fail, unexpected counts and example rows per expectation.',
    },
    reportTable: {
      signature: 'lab.data.reportTable(report)',
      doc: 'A validation report as a table, one row per expectation.',
    },
    assertValid: {
      signature: 'lab.data.assertValid(report)',
      doc: 'Throws (stops the pipeline) unless every expectation passed.',
    },
    names: { signature: 'await lab.data.names()', doc: 'Every dataset name there is.' },
  },
};

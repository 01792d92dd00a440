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
      doc: 'Stores a table as a version (its id is a hash of its content) with its parents.',
    },
    versionOf: {
      signature: 'lab.data.versionOf(table)',
      doc: 'The version a table was loaded from or saved as, if any.',
    },
    names: { signature: 'await lab.data.names()', doc: 'Every dataset name there is.' },
  },
};

/**
 * The documentation of every `lab` namespace, as plain data: it feeds `lab.help()` in the kernel
 * and autocompletion in the editor, which runs on the page without the namespaces' code.
 */
import { dataDocs } from './data';
import { bigdataDocs, duckDocs, nosqlDocs, sqlDocs } from './databases';
import { mlDocs, pipelineDocs, registryDocs, trackingDocs } from './ml';
import { servingDocs } from './serving';
import { monitoringDocs } from './monitoring';
import { projectDocs } from './project';
import { testDocs } from './testing';
import { exportDocs } from './export';
import { appDocs } from './app';
import { ciDocs } from './ci';
import type { LabNamespaceDoc } from './types';

export type { LabMemberDoc, LabNamespaceDoc } from './types';

export const LAB_DOCS = {
  data: dataDocs,
  sql: sqlDocs,
  nosql: nosqlDocs,
  bigdata: bigdataDocs,
  duck: duckDocs,
  ml: mlDocs,
  tracking: trackingDocs,
  registry: registryDocs,
  pipeline: pipelineDocs,
  serving: servingDocs,
  monitoring: monitoringDocs,
  project: projectDocs,
  test: testDocs,
  export: exportDocs,
  app: appDocs,
  ci: ciDocs,
} as const satisfies Record<string, LabNamespaceDoc>;

export type LabNamespaceName = keyof typeof LAB_DOCS;

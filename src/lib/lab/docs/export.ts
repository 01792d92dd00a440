import type { LabNamespaceDoc } from './types';

export const exportDocs: LabNamespaceDoc = {
  doc: 'Take work out of the browser: a pipeline run or model version as a runnable Python project.',
  members: {
    python: {
      signature: "const project = await lab.export.python('models:/taxi-trip-duration@champion')",
      doc: 'A zip (shown as a download) of a scikit-learn/FastAPI/pytest project: the same rows and split, features, model and API; `project.files` holds each file as text.',
    },
  },
};

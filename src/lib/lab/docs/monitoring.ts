import type { LabNamespaceDoc } from './types';

export const monitoringDocs: LabNamespaceDoc = {
  doc: 'Drift and monitoring: drift scenarios, column-wise drift tests, monitoring of served traffic, recent data for retraining.',
  members: {
    scenario: {
      signature:
        "await lab.monitoring.scenario('diabetes', { scenario: 'covariate', seed: 1, strength: 1, mode: 'sudden' })",
      doc: 'A seeded drift scenario (control, covariate, label, concept) saved as a new data version, with its ground truth.',
    },
    mystery: {
      signature:
        "await lab.monitoring.mystery('diabetes', { kinds: ['covariate', 'label', 'concept'] })",
      doc: 'Drift scenarios of unknown kind for exercises: { A: { ref }, B: { ref }, … }, kinds shuffled by a seed kept out of sight (the same for the same call while the kernel lives).',
    },
    drift: {
      signature: "await lab.monitoring.drift('diabetes', scenario.ref, { correction: 'bh' })",
      doc: "Column-by-column drift with evidently's default tests; tests and thresholds overridable per column.",
    },
    driftTable: {
      signature: 'lab.monitoring.driftTable(report)',
      doc: 'A drift report as a table: test, statistic, p-value, threshold, drifted, why that test.',
    },
    monitor: {
      signature:
        "await lab.monitoring.monitor('diabetes', { windowSize: 100, step: 50, alerts: { maeRatio: 1.25 } })",
      doc: 'Sliding windows of served traffic: input and prediction drift, performance on labels known so far, latency, errors, alerts.',
    },
    closeLoop: {
      signature:
        "await lab.monitoring.closeLoop('diabetes-loop', { config: yaml, since, traffic: { dataset } })",
      doc: 'Continuous training: monitor → alert → recent data → pipeline → model tests → canary → promote, as a DAG.',
    },
    recentData: {
      signature: "await lab.monitoring.recentData('diabetes', { since })",
      doc: 'Labelled requests as a new data version: the recent data a retraining learns from.',
    },
  },
};

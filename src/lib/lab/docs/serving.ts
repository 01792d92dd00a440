import type { LabNamespaceDoc } from './types';

export const servingDocs: LabNamespaceDoc = {
  doc: 'The prediction API in this browser: endpoints, deployments (blue-green, canary, shadow), the request log.',
  members: {
    url: {
      signature: "lab.serving.url('v1/models/diabetes/predict')",
      doc: "An API path's full URL; in cells, fetch('api/v1/…') works as well.",
    },
    deploy: {
      signature:
        "await lab.serving.deploy('diabetes', { model: 'diabetes-progression', strategy: 'single', version: 2 })",
      doc: 'Creates an endpoint or changes its strategy: single, blue-green, canary or shadow.',
    },
    switch: {
      signature: "await lab.serving.switch('diabetes')",
      doc: 'Blue-green: the idle colour goes live at once (and becomes champion).',
    },
    setCanary: {
      signature: "await lab.serving.setCanary('diabetes', 25)",
      doc: "The canary's share of traffic, 0–100 % (100 promotes it).",
    },
    advance: {
      signature: "await lab.serving.advance('diabetes')",
      doc: 'The next step of the canary ramp plan. A canary deployed with autoAdvance: N takes it on its own after N of its requests pass the rollback rules.',
    },
    rollback: {
      signature: "await lab.serving.rollback('diabetes', 'why')",
      doc: 'Back to the version that served before, at once.',
    },
    promote: {
      signature: "await lab.serving.promote('diabetes')",
      doc: 'The canary or shadow challenger takes all traffic and the champion alias.',
    },
    fault: {
      signature: "await lab.serving.fault('diabetes', 3, { latencyMs: 300, errorRate: 0.2 })",
      doc: 'Makes a version slow or failing on purpose (zeros clear it).',
    },
    undeploy: { signature: "await lab.serving.undeploy('diabetes')", doc: 'Serves nothing (503).' },
    endpoint: {
      signature: "await lab.serving.endpoint('diabetes')",
      doc: "An endpoint's model, deployment, faults and limits.",
    },
    events: {
      signature: "await lab.serving.events('diabetes')",
      doc: 'The deployment timeline: what changed, when, from what to what, and why.',
    },
    requests: {
      signature: "await lab.serving.requests('diabetes', { status: 'server', variant: 'canary' })",
      doc: 'The request log as a table: the model and version that scored, the first input row, predictions, latencies, labels; a student API is named student/<project>.',
    },
    logFailures: {
      signature: 'await lab.serving.logFailures()',
      doc: 'Requests answered but not stored in the log (by any host of the API): how many, and the latest reason.',
    },
    stats: {
      signature: "await lab.serving.stats('diabetes', { windowMs: 60000 })",
      doc: 'Per-variant requests, error rate, latency p50/p95, MAE against labels, shadow disagreement.',
    },
    simulate: {
      signature:
        "await lab.serving.simulate('diabetes', { dataset: 'diabetes', rate: 200, requests: 400, labelDelayMs: 500 })",
      doc: 'Replays a data version as client requests at a rate, with delayed labels.',
    },
    loadTest: {
      signature: "await lab.serving.loadTest('diabetes', { requests: 5000, concurrency: 8 })",
      doc: 'Sends one-row requests as fast as the endpoint answers: requests/s, latency p50/p99, routing p99.',
    },
    scoreBatch: {
      signature: "await lab.serving.scoreBatch('diabetes', 'diabetes')",
      doc: 'Batch serving: scores a data version into a new, linked data version.',
    },
  },
};

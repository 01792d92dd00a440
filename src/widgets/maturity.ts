import type { MaturityPractice } from '../lib/widgets/options';

export interface Practice {
  id: MaturityPractice;
  label: string;
  /** The lowest level that needs this practice. */
  level: 1 | 2;
}

/** After Google Cloud, "MLOps: Continuous delivery and automation pipelines in machine learning". */
export const PRACTICES: Practice[] = [
  { id: 'versioned-code', label: 'Training code as modular, versioned scripts', level: 1 },
  { id: 'automated-pipeline', label: 'An automated training pipeline, data → model', level: 1 },
  { id: 'data-validation', label: 'Automatic data and model validation in the pipeline', level: 1 },
  {
    id: 'continuous-training',
    label: 'Continuous training: new data triggers retraining',
    level: 1,
  },
  { id: 'metadata-store', label: 'Metadata store: experiments, runs and model versions', level: 1 },
  { id: 'monitoring', label: 'Production monitoring that can trigger retraining', level: 1 },
  { id: 'feature-store', label: 'Feature store shared by training and serving', level: 2 },
  { id: 'pipeline-ci', label: 'CI: pipeline code is tested and built on every change', level: 2 },
  { id: 'pipeline-cd', label: 'CD: new pipeline versions deploy automatically', level: 2 },
];

export const LEVELS = [
  {
    name: 'Level 0 — manual process',
    what: 'Notebooks and hand-run scripts. A data scientist hands a model file to engineers.',
    rhythm: 'A few releases a year',
  },
  {
    name: 'Level 1 — ML pipeline automation',
    what: 'The training pipeline runs automatically: continuous training of the model in production.',
    rhythm: 'A new model whenever data changes',
  },
  {
    name: 'Level 2 — CI/CD pipeline automation',
    what: 'The pipeline itself is tested, built and deployed automatically.',
    rhythm: 'A new pipeline whenever code changes',
  },
];

/** The highest level whose practices (and those of the levels below) are all in place. */
export function maturityLevel(ticked: readonly string[]): 0 | 1 | 2 {
  const has = (level: number) =>
    PRACTICES.filter((p) => p.level <= level).every((p) => ticked.includes(p.id));
  return has(2) ? 2 : has(1) ? 1 : 0;
}

/** Practices still missing for the next level, or [] at level 2. */
export function missingForNext(ticked: readonly string[]): Practice[] {
  const next = maturityLevel(ticked) + 1;
  return PRACTICES.filter((p) => p.level <= next && !ticked.includes(p.id));
}

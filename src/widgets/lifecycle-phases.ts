import type { CrispPhase } from '../lib/widgets/options';

export interface Phase {
  id: CrispPhase;
  name: string;
  question: string;
  tasks: string[];
  risks: string[];
  checks: string[];
  course: string;
}

/** CRISP-ML(Q) (Studer et al., 2021): each phase with its tasks and its quality assurance. */
export const PHASES: Phase[] = [
  {
    id: 'business-data-understanding',
    name: 'Business & data understanding',
    question: 'What is the goal, and can data and ML reach it?',
    tasks: [
      'Define the business goal and translate it into an ML goal',
      'Agree measurable success criteria: business, ML and economic',
      'Check feasibility: is ML needed, is there enough data?',
      'Collect the data and verify its quality',
    ],
    risks: [
      'Success cannot be measured',
      'Data not representative of production',
      'Legal or privacy limits found too late',
    ],
    checks: ['Written success criteria', 'Data requirements and a data-quality report'],
    course: 'The course datasets (NYC taxi trips, diabetes) with their dataset cards',
  },
  {
    id: 'data-engineering',
    name: 'Data engineering',
    question: 'Is the data clean, consistent and versioned?',
    tasks: [
      'Select data and features',
      'Clean: fix errors, impute missing values',
      'Construct features, normalise, split',
      'Store the result as a versioned dataset',
    ],
    risks: [
      'Data leakage from the test set or the future',
      'Silent schema or unit changes',
      'Different preprocessing in training and serving',
    ],
    checks: ['Data validation rules (expectations)', 'Content-hashed dataset versions'],
    course: 'Databases and data validation labs (lab.datasets)',
  },
  {
    id: 'model-engineering',
    name: 'ML model engineering',
    question: 'Which model meets the goal, reproducibly?',
    tasks: [
      'Choose quality measures: performance, robustness, cost',
      'Select and train candidate models',
      'Fix random seeds and record versions',
      'Track every experiment',
    ],
    risks: ['Overfitting', 'Results nobody can reproduce', 'Optimising the wrong metric'],
    checks: ['Seeded, versioned training pipeline', 'Experiment tracking of params and metrics'],
    course: 'Training pipeline and experiment tracking labs (lab.tracking)',
  },
  {
    id: 'evaluation',
    name: 'Quality assurance & evaluation',
    question: 'Does the model meet the success criteria?',
    tasks: [
      'Evaluate on held-out test data',
      'Test robustness and slices of the data',
      'Explain the model and document it',
      'Decide: deploy, or go back',
    ],
    risks: ['A test set that leaked or is not representative', 'Untested edge cases or groups'],
    checks: ['Model tests with thresholds', 'A model card and a registered model version'],
    course: 'Model tests and model registry labs (lab.registry)',
  },
  {
    id: 'deployment',
    name: 'Deployment',
    question: 'Can users rely on the model in production?',
    tasks: [
      'Serve the model behind an API',
      'Test under production conditions',
      'Roll out gradually and keep a way back',
    ],
    risks: ['Training/serving skew', 'Latency or memory limits', 'A bad release hits every user'],
    checks: ['Blue-green, canary and shadow releases', 'Rollback to the previous version'],
    course: 'Serving lab (lab.serving)',
  },
  {
    id: 'monitoring',
    name: 'Monitoring & maintenance',
    question: 'Is the model still right, as the world changes?',
    tasks: [
      'Watch inputs, predictions and errors',
      'Detect data and concept drift',
      'Retrain or roll back when quality drops',
    ],
    risks: ['Data drift', 'Concept drift', 'Labels that arrive late', 'Feedback loops'],
    checks: ['Drift tests with alert thresholds', 'A retraining trigger'],
    course: 'Monitoring lab (lab.monitoring): drift detection and retraining',
  },
];

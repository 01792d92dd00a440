import type { Output } from '../lib/kernel/outputs';

/** `scratch` and `note` are the student's own cells: code, and Markdown that never runs. */
export type CellKind = 'code' | 'setup' | 'exercise' | 'scratch' | 'note';
export type CellStatus = 'idle' | 'queued' | 'running';

export interface CheckState {
  pass: boolean;
  message: string;
}

/** One runnable cell of the open lesson: its source, its last outputs and its run state. */
export class CellState {
  readonly id: string;
  readonly kind: CellKind;
  /** The lesson's text for this cell; "Reset cell" goes back to it. */
  readonly original: string;
  readonly title: string;
  readonly check: string;
  /** Hints as HTML; the page shows the first `hintsShown` of them. */
  readonly hints: string[];
  /** Never sent to the kernel nor put in the page until the student reveals it. */
  readonly solution: string;
  readonly solutionAfter: number | null;

  source = $state('');
  outputs = $state<Output[]>([]);
  executionCount = $state<number | null>(null);
  status = $state<CellStatus>('idle');
  /** When the running cell started (`performance.now()`), for the live elapsed time. */
  startedAt = $state<number | null>(null);
  /** How long the last run took; kept with the outputs and cleared with them. */
  durationMs = $state<number | null>(null);
  /** Source the outputs came from; null when the outputs no longer reflect the kernel. */
  ranSource = $state<string | null>(null);
  checkResult = $state<CheckState | null>(null);
  checking = $state(false);
  /** Checks run, as stored; "Show solution" appears after `solutionAfter` of them. */
  attempts = $state(0);
  hintsShown = $state(0);
  solutionShown = $state(false);
  /** The student's edit was made on an older version of the lesson's starter (starter-updates.ts). */
  starterChanged = $state(false);

  constructor(init: {
    id: string;
    kind: CellKind;
    source: string;
    title?: string;
    check?: string;
    hints?: string[];
    solution?: string;
    solutionAfter?: number | null;
  }) {
    this.id = init.id;
    this.kind = init.kind;
    this.original = this.own ? '' : init.source;
    this.source = init.source;
    this.title = init.title ?? '';
    this.check = init.check ?? '';
    this.hints = init.hints ?? [];
    this.solution = init.solution ?? '';
    this.solutionAfter = init.solutionAfter ?? null;
  }

  /** The student's own cell, not the lesson's: it can be deleted and has no original. */
  get own(): boolean {
    return this.kind === 'scratch' || this.kind === 'note';
  }

  get runnable(): boolean {
    return this.kind !== 'note';
  }

  get edited(): boolean {
    return !this.own && this.source !== this.original;
  }

  /** Stale: the outputs shown were produced by other code or by a kernel that has since restarted. */
  get stale(): boolean {
    return this.executionCount !== null && this.ranSource !== this.source;
  }

  /** Hints are offered once a check has failed (a first-try pass needs none). */
  get hintsOffered(): boolean {
    return this.hints.length > 0 && this.attempts > 0 && !(this.attempts === 1 && this.passed);
  }

  get solutionOffered(): boolean {
    return this.solutionAfter !== null && this.attempts >= this.solutionAfter;
  }

  get passed(): boolean {
    return this.checkResult?.pass ?? false;
  }
}

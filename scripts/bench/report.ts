import { writeFileSync } from 'node:fs';
import type { MachineInfo } from './machine';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: { max?: number; min?: number };
  note?: string;
}

export interface BenchSuite {
  title: string;
  results: BenchResult[];
}

function verdict(result: BenchResult): string {
  const { target } = result;
  if (!target) return '—';
  const ok =
    (target.max === undefined || result.value <= target.max) &&
    (target.min === undefined || result.value >= target.min);
  const bound = target.max !== undefined ? `≤ ${target.max}` : `≥ ${target.min}`;
  return `${ok ? 'met' : '**missed**'} (${bound} ${result.unit})`;
}

function format(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(2);
}

export function writeReport(path: string, machine: MachineInfo, suites: BenchSuite[]): string {
  const lines = [
    '# Performance',
    '',
    'Written by `npm run bench`; do not edit by hand. Absolute times drift on a shared machine:',
    'compare ratios measured in the same run.',
    '',
    `- Date: ${machine.date}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}`,
    `- Node ${machine.node}, Chromium ${machine.chromium} (headless)`,
    `- Load average when the run began: ${machine.loadAtStart} on ${machine.cores} cores (${
      machine.loadAtStart > machine.cores
        ? 'above the core count, other work shared the machine: absolute times are inflated'
        : 'other work on this shared machine may still come and go during the run: absolute times drift'
    }, ratios to a reference measured in the same run much less so)`,
    '',
  ];
  const text = [...lines, formatSuites(suites)].join('\n');
  writeFileSync(path, text);
  return text;
}

/** The suites as Markdown tables. */
export function formatSuites(suites: BenchSuite[]): string {
  const lines: string[] = [];
  for (const suite of suites) {
    lines.push(`## ${suite.title}`, '', '| measure | value | target | note |', '|---|---|---|---|');
    for (const r of suite.results)
      lines.push(`| ${r.name} | ${format(r.value)} ${r.unit} | ${verdict(r)} | ${r.note ?? ''} |`);
    lines.push('');
  }
  return lines.join('\n');
}

import { didYouMean } from '../lessons/errors';
import { ACTIONS } from './actions';
import { CiError } from './errors';

/** One `labbook …` command: the action it runs and how its words become the action's inputs. */
interface CommandSpec {
  words: string[];
  action: string;
  /** Inputs filled by the words after the command, in order (`rest` takes all that remain). */
  positional: string[];
  rest?: string;
  /** `--name value` flags (a boolean flag takes no value and sets "true"). */
  flags: Record<string, { input: string; boolean?: boolean }>;
  usage: string;
}

const COMMANDS: CommandSpec[] = [
  {
    words: ['lint'],
    action: 'lint',
    positional: [],
    flags: { strict: { input: 'strict', boolean: true } },
    usage: 'labbook lint [--strict]',
  },
  {
    words: ['test'],
    action: 'test',
    positional: [],
    rest: 'files',
    flags: {},
    usage: 'labbook test [file.test.js …]',
  },
  {
    words: ['pipeline', 'run'],
    action: 'pipeline-run',
    positional: ['config'],
    flags: { dataset: { input: 'dataset' } },
    usage: 'labbook pipeline run config.yml [--dataset <name or version id>]',
  },
  {
    words: ['model', 'test'],
    action: 'model-test',
    positional: ['model'],
    flags: { tests: { input: 'tests' } },
    usage: 'labbook model test models:/name/3 --tests model-tests.yml',
  },
  {
    words: ['register'],
    action: 'register',
    positional: ['run'],
    flags: { name: { input: 'name' }, alias: { input: 'alias' } },
    usage: 'labbook register <run id> --name diabetes [--alias champion]',
  },
  {
    words: ['alias'],
    action: 'alias',
    positional: ['model', 'alias'],
    flags: {},
    usage: 'labbook alias models:/name/3 champion',
  },
  {
    words: ['deploy'],
    action: 'deploy',
    positional: ['endpoint'],
    flags: {
      model: { input: 'model' },
      version: { input: 'version' },
      canary: { input: 'canary' },
    },
    usage: 'labbook deploy <endpoint> --model diabetes --version 3 [--canary 10]',
  },
  {
    words: ['report'],
    action: 'cml-report',
    positional: ['file'],
    flags: {},
    usage: 'labbook report report.md',
  },
];

/** One line of a `run:` block, ready to execute. */
export type Invocation =
  | { kind: 'action'; line: number; text: string; action: string; inputs: Record<string, string> }
  | {
      kind: 'echo';
      line: number;
      text: string;
      message: string;
      output?: { name: string; value: string };
    };

/** Shell-like words: spaces split, quotes group; `${{ … }}` stays one word. */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|((?:\$\{\{[\s\S]*?\}\}|\S)+)/g;
  for (const m of line.matchAll(re))
    out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]!));
  return out;
}

const bad = (lineNo: number, message: string) =>
  new CiError('unknown-command', `Line ${lineNo} of run: ${message}`);
const USAGE = `The commands are:\n${COMMANDS.map((c) => `  ${c.usage}`).join('\n')}\n  echo "text"   (echo "name=value" >> $GITHUB_OUTPUT sets a step output)`;

/**
 * Reads a `run:` block: blank lines and `#` comments skipped, every other line one command.
 * Lines and words are split before `fill` evaluates any `${{ }}`, so a value (a dispatch input,
 * a branch name) is always one argument: it can never add a line, a flag or a command.
 */
export function parseRun(run: string, fill: (word: string) => string = (w) => w): Invocation[] {
  const result: Invocation[] = [];
  run.split('\n').forEach((raw, i) => {
    const text = raw.trim();
    if (!text || text.startsWith('#')) return;
    result.push(parseLine(text, i + 1, fill));
  });
  return result;
}

function parseLine(text: string, line: number, fill: (word: string) => string): Invocation {
  const output = /^echo\s+["']?([A-Za-z_][\w-]*)=(.*?)["']?\s*>>\s*"?\$GITHUB_OUTPUT"?$/.exec(text);
  if (output)
    return {
      kind: 'echo',
      line,
      text,
      message: '',
      output: { name: output[1]!, value: fill(output[2]!) },
    };
  const w = words(text);
  if (w[0] === 'echo') return { kind: 'echo', line, text, message: w.slice(1).map(fill).join(' ') };
  if (w[0] !== 'labbook')
    throw bad(
      line,
      `"${w[0]}" is not a command the Labbook runs (there is no shell in a browser).${didYouMean(w[0]!, ['labbook', 'echo'])}\n${USAGE}`,
    );
  const spec = COMMANDS.find((c) => c.words.every((word, k) => w[k + 1] === word));
  if (!spec) {
    const given = w.slice(1, 3).join(' ');
    throw bad(
      line,
      `"labbook ${given}" is not a command.${didYouMean(
        given,
        COMMANDS.map((c) => c.words.join(' ')),
      )}\n${USAGE}`,
    );
  }
  const inputs: Record<string, string> = {};
  const positional: string[] = [];
  const args = w.slice(1 + spec.words.length);
  for (let k = 0; k < args.length; k++) {
    const arg = args[k]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    const flag = Object.hasOwn(spec.flags, name) ? spec.flags[name] : undefined;
    if (!flag) {
      const known = Object.keys(spec.flags).map((f) => `--${f}`);
      throw bad(
        line,
        `${spec.words.join(' ')} takes no option "${arg}".${didYouMean(arg, known)} Usage: ${spec.usage}`,
      );
    }
    if (flag.boolean) inputs[flag.input] = 'true';
    else if (args[k + 1] === undefined)
      throw bad(line, `"${arg}" needs a value. Usage: ${spec.usage}`);
    else inputs[flag.input] = fill(args[++k]!);
  }
  positional.forEach((p, k) => (positional[k] = fill(p)));
  if (spec.rest) inputs[spec.rest] = positional.join(' ');
  else {
    if (positional.length > spec.positional.length)
      throw bad(
        line,
        `too many arguments (${positional.slice(spec.positional.length).join(' ')}). Usage: ${spec.usage}`,
      );
    spec.positional.forEach((name, k) => {
      if (positional[k] !== undefined) inputs[name] = positional[k]!;
    });
  }
  const missing = Object.entries(ACTIONS[spec.action]!.inputs)
    .filter(([name, input]) => input.required && inputs[name] === undefined)
    .map(([name]) => name);
  if (missing.length) throw bad(line, `missing ${missing.join(', ')}. Usage: ${spec.usage}`);
  return { kind: 'action', line, text, action: spec.action, inputs };
}

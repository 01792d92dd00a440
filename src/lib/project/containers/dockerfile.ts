import { Copy, DockerfileParser, Run, type Instruction } from 'dockerfile-ast';
import { Util } from 'dockerfile-ast/lib/util';

// dockerfile-ast 0.7.1 tests for a byte-order mark with Node's Buffer, which a worker does not
// have ("Buffer is not defined" in the lint worker; tests/browser/containers.test.ts). A BOM is
// U+FEFF as a string, so the same test needs no Buffer.
Util.isUTF8BOM = (char: string) => char === '\uFEFF';
import type { Span } from './diagnostic';

/** Instructions `docker build` knows (Dockerfile reference); anything else stops the build. */
export const DOCKER_KEYWORDS = new Set([
  'ADD',
  'ARG',
  'CMD',
  'COPY',
  'ENTRYPOINT',
  'ENV',
  'EXPOSE',
  'FROM',
  'HEALTHCHECK',
  'LABEL',
  'MAINTAINER',
  'ONBUILD',
  'RUN',
  'SHELL',
  'STOPSIGNAL',
  'USER',
  'VOLUME',
  'WORKDIR',
]);

/** One instruction as the rules read it: keyword, arguments and where it is written. */
export interface DockerInstruction {
  keyword: string;
  args: string[];
  /** Where the keyword is (1-based). */
  at: Span;
  /** The stage it belongs to: 0 for the first FROM (and ARGs before it), then 1, 2 … */
  stage: number;
  /** Its heredocs (`RUN <<EOF`): the name, where it opens, and whether an end line closes it. */
  heredocs: { name: string; at: Span; closed: boolean }[];
}

export interface ParsedDockerfile {
  instructions: DockerInstruction[];
  /** The escape character (`\\`, or a backtick set by `# escape=`). */
  escape: string;
}

const span = (range: {
  start: { line: number; character: number };
  end: { line: number; character: number };
}): Span => ({
  line: range.start.line + 1,
  column: range.start.character + 1,
  endLine: range.end.line + 1,
  endColumn: range.end.character + 1,
});

/** Parses a Dockerfile with dockerfile-ast (the parser of the Docker language server). */
export function parseDockerfile(text: string): ParsedDockerfile {
  const parsed = DockerfileParser.parse(text);
  let stage = -1;
  const instructions = parsed.getInstructions().map((instruction: Instruction) => {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') stage++;
    return {
      keyword,
      args: instruction.getArguments().map((a) => a.getValue()),
      at: span(instruction.getInstructionRange()),
      stage: Math.max(0, stage),
      heredocs:
        instruction instanceof Run || instruction instanceof Copy
          ? instruction.getHeredocs().map((h) => ({
              name: h.getName(),
              at: span(h.getStartRange()),
              closed: h.getDelimiterRange() !== null,
            }))
          : [],
    };
  });
  return { instructions, escape: parsed.getEscapeCharacter() };
}

import { baseName } from './paths';

/** The editor modes a project file can open in; the component maps each id to a CodeMirror language. */
export type LanguageId =
  | 'javascript'
  | 'typescript'
  | 'json'
  | 'yaml'
  | 'markdown'
  | 'dockerfile'
  | 'shell'
  | 'python'
  | 'plain';

const BY_NAME: Record<string, LanguageId> = {
  dockerfile: 'dockerfile',
  containerfile: 'dockerfile',
  // Ignore files are line-based patterns with `#` comments: shell highlighting reads them right.
  '.gitignore': 'shell',
  '.dockerignore': 'shell',
  '.gitattributes': 'shell',
  '.env': 'shell',
  makefile: 'shell',
};

const BY_EXTENSION: Record<string, LanguageId> = {
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  tsx: 'typescript',
  json: 'json',
  jsonc: 'json',
  yml: 'yaml',
  yaml: 'yaml',
  md: 'markdown',
  markdown: 'markdown',
  sh: 'shell',
  bash: 'shell',
  // The course's own code, and what lab.export.python writes: read it beside the JavaScript.
  py: 'python',
  dockerfile: 'dockerfile',
};

/** The language a file opens in, chosen by its name as VS Code does (`Dockerfile.dev` too). */
export function languageFor(path: string): LanguageId {
  const name = baseName(path).toLowerCase();
  const exact = BY_NAME[name];
  if (exact) return exact;
  if (name.startsWith('dockerfile.')) return 'dockerfile';
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return 'plain';
  return BY_EXTENSION[name.slice(dot + 1)] ?? 'plain';
}

const LABELS: Record<LanguageId, string> = {
  javascript: 'JavaScript',
  typescript: 'TypeScript',
  json: 'JSON',
  yaml: 'YAML',
  markdown: 'Markdown',
  dockerfile: 'Dockerfile',
  shell: 'Shell',
  python: 'Python',
  plain: 'Plain text',
};

/** The name the status bar shows for a language. */
export function languageLabel(id: LanguageId): string {
  return LABELS[id];
}

import type { Extension } from '@codemirror/state';
import type { LanguageId } from '../../lib/project/languages';

/**
 * CodeMirror support for each language id of `languageFor`, loaded only when a file of that
 * language is opened, so a project of JavaScript never downloads the YAML parser.
 */
export async function languageExtension(id: LanguageId): Promise<Extension> {
  switch (id) {
    case 'javascript':
      return (await import('@codemirror/lang-javascript')).javascript();
    case 'typescript':
      return (await import('@codemirror/lang-javascript')).javascript({ typescript: true });
    case 'json':
      return (await import('@codemirror/lang-json')).json();
    case 'yaml':
      return (await import('@codemirror/lang-yaml')).yaml();
    case 'markdown':
      return (await import('@codemirror/lang-markdown')).markdown();
    case 'dockerfile':
      return legacy((await import('@codemirror/legacy-modes/mode/dockerfile')).dockerFile);
    case 'python':
      return legacy((await import('@codemirror/legacy-modes/mode/python')).python);
    case 'shell':
      return legacy((await import('@codemirror/legacy-modes/mode/shell')).shell);
    case 'plain':
      return [];
  }
}

async function legacy(parser: import('@codemirror/language').StreamParser<unknown>) {
  const { StreamLanguage } = await import('@codemirror/language');
  return StreamLanguage.define(parser);
}

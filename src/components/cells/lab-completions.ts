import type { CompletionSource } from '@codemirror/autocomplete';
import { labCompletions } from '../../lib/lab/help';

/** Completes `lab.` and `lab.<namespace>.` with the documented lab API, while typing. */
export const labCompletionSource: CompletionSource = (context) => {
  const word = context.matchBefore(/\blab\.(?:\w+\.)?\w*/);
  if (!word) return null;
  const namespace = /^lab\.(\w+)\./.exec(word.text)?.[1];
  const prefix = namespace ? `lab.${namespace}.` : 'lab.';
  return {
    from: word.from + prefix.length,
    options: labCompletions(namespace).map((c) => ({
      label: c.label,
      detail: c.detail,
      info: c.info,
      type: 'property',
    })),
    validFor: /^\w*$/,
  };
};

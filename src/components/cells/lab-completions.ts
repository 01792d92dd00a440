import type { CompletionSource } from '@codemirror/autocomplete';
import { labCompletions } from '../../lib/lab';

/** Completes `lab.` with the documented lab API, so students discover it while typing. */
export const labCompletionSource: CompletionSource = (context) => {
  const word = context.matchBefore(/\blab\.\w*/);
  if (!word) return null;
  return {
    from: word.from + 'lab.'.length,
    options: labCompletions().map((c) => ({
      label: c.label,
      detail: c.detail,
      info: c.info,
      type: 'property',
    })),
    validFor: /^\w*$/,
  };
};

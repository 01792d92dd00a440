import { LAB_DOCS, type LabMemberDoc, type LabNamespaceName } from './docs';

/*
 * lab.help() and the editor's completions, from the namespaces' docs alone: the page's editor
 * imports this without any namespace code, and the kernel loads it when a cell names lab.help.
 */

const coreDocs: Record<string, LabMemberDoc> = {
  version: { signature: 'lab.version', doc: 'Version of the lab API.' },
  help: { signature: 'lab.help(topic?)', doc: 'Lists the lab API, or one namespace of it.' },
  display: { signature: 'lab.display(value)', doc: 'Shows a value, table or chart now, mid-cell.' },
};

export function helpText(topic?: string): string {
  if (topic) {
    const docs = (LAB_DOCS as Record<string, (typeof LAB_DOCS)[LabNamespaceName]>)[topic];
    if (!docs) return `No lab namespace "${topic}". Try lab.help() for the list.`;
    return [
      `lab.${topic}: ${docs.doc}`,
      ...Object.values(docs.members).map((m: LabMemberDoc) => `  ${m.signature}  ${m.doc}`),
    ].join('\n');
  }
  const lines = [
    'The lab object: the Labbook API for cells.',
    ...Object.values(coreDocs).map((m) => `  ${m.signature}  ${m.doc}`),
  ];
  for (const [name, docs] of Object.entries(LAB_DOCS)) lines.push(`  lab.${name}  ${docs.doc}`);
  return lines.join('\n');
}

/**
 * Completion entries after `lab.` (namespace undefined) or after `lab.<namespace>.`.
 */
export function labCompletions(
  namespace?: string,
): { label: string; detail: string; info: string }[] {
  if (namespace) {
    const docs = (LAB_DOCS as Record<string, (typeof LAB_DOCS)[LabNamespaceName]>)[namespace];
    return docs
      ? Object.entries(docs.members)
          .filter(([, m]: [string, LabMemberDoc]) => !m.of)
          .map(([label, m]: [string, LabMemberDoc]) => ({
            label,
            detail: m.signature,
            info: m.doc,
          }))
      : [];
  }
  const entries = Object.entries(coreDocs).map(([label, m]) => ({
    label,
    detail: m.signature,
    info: m.doc,
  }));
  for (const [label, docs] of Object.entries(LAB_DOCS))
    entries.push({ label, detail: `lab.${label}`, info: docs.doc });
  return entries;
}

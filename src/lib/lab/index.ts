export interface LabMemberDoc {
  signature: string;
  doc: string;
}

export interface LabNamespaceDoc {
  doc: string;
  members: Record<string, LabMemberDoc>;
}

export interface LabContext {
  /** Shows a value as an output of the running cell. */
  display(value: unknown): void;
}

type Factory = (ctx: LabContext) => Record<string, unknown>;

const namespaces = new Map<string, { docs: LabNamespaceDoc; factory: Factory }>();

/**
 * Later features add their part of the `lab` object here (datasets, tracking, registry, serving,
 * monitoring), with docs that feed `lab.help()` and editor autocompletion.
 */
export function defineLabNamespace(name: string, docs: LabNamespaceDoc, factory: Factory): void {
  namespaces.set(name, { docs, factory });
}

export const LAB_VERSION = 1;

const coreDocs: Record<string, LabMemberDoc> = {
  version: { signature: 'lab.version', doc: 'Version of the lab API.' },
  help: { signature: 'lab.help(topic?)', doc: 'Lists the lab API, or one namespace of it.' },
  display: { signature: 'lab.display(value)', doc: 'Shows a value, table or chart now, mid-cell.' },
};

function helpText(topic?: string): string {
  if (topic) {
    const ns = namespaces.get(topic);
    if (!ns) return `No lab namespace "${topic}". Try lab.help() for the list.`;
    return [
      `lab.${topic}: ${ns.docs.doc}`,
      ...Object.values(ns.docs.members).map((m) => `  ${m.signature}  ${m.doc}`),
    ].join('\n');
  }
  const lines = [
    'The lab object: the Labbook API for cells.',
    ...Object.values(coreDocs).map((m) => `  ${m.signature}  ${m.doc}`),
  ];
  for (const [name, ns] of namespaces) lines.push(`  lab.${name}  ${ns.docs.doc}`);
  return lines.join('\n');
}

export function createLab(ctx: LabContext): Record<string, unknown> {
  const lab: Record<string, unknown> = {
    version: LAB_VERSION,
    help: helpText,
    display: (value: unknown) => ctx.display(value),
  };
  for (const [name, { factory }] of namespaces) lab[name] = factory(ctx);
  return lab;
}

/** Completion entries for `lab.` in the editor. */
export function labCompletions(): { label: string; detail: string; info: string }[] {
  const entries = Object.entries(coreDocs).map(([label, m]) => ({
    label,
    detail: m.signature,
    info: m.doc,
  }));
  for (const [label, ns] of namespaces)
    entries.push({ label, detail: `lab.${label}`, info: ns.docs.doc });
  return entries;
}

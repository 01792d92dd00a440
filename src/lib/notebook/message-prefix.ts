/**
 * A message shown after a label ("Not yet: …", "TypeError: …") must not repeat the label: checks
 * written in the habit of other notebooks say `expect(ok, 'Not yet: …')`, and an error rebuilt from
 * a string (another realm's Error, a rethrow of `String(error)`) already starts with its name.
 * Strips every leading copy of the given labels, whatever their case.
 */
export function withoutLeadingLabels(message: string, labels: readonly string[]): string {
  const wanted = labels.filter((l) => l.length > 0).map((l) => l.toLowerCase());
  let rest = message;
  for (;;) {
    const trimmed = rest.trimStart();
    const hit = wanted.find((label) => {
      const head = trimmed.slice(0, label.length + 1).toLowerCase();
      return head === `${label}:`;
    });
    if (!hit) return rest === message ? message : trimmed;
    rest = trimmed.slice(hit.length + 1);
  }
}

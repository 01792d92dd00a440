/**
 * The README inside an MLflow export: how to open it, why artifact locations are relative, and
 * every name the export had to change so that MLflow reads the store.
 */
export function exportReadme(notes: readonly string[]): string {
  const lines = [
    '# MLflow export from the MLOps Labbook',
    '',
    '`mlruns/` is an MLflow file store (tracking and model registry). From this folder, run:',
    '',
    '    mlflow ui --backend-store-uri ./mlruns',
    '',
    'Artifact locations are written relative to this folder (`mlruns/1/<run id>/artifacts`),',
    'because the Labbook cannot know where the zip is unzipped. MLflow resolves a relative',
    'location against the folder it is started in, so start it here; or run',
    '`python3 relocate_artifacts.py` once to write absolute `file://` locations, after which',
    'any working directory works (run it again if you move the folder).',
    '',
  ];
  if (notes.length === 0) lines.push('Every name was exported unchanged.', '');
  else
    lines.push(
      '## Renamed on export',
      '',
      `${notes.length} name${notes.length === 1 ? '' : 's'} stored before the Labbook checked MLflow's rules (or two names that would be one file on a case-insensitive disk) were written under a new name; nothing was dropped:`,
      '',
      ...notes.map((n) => `- ${n}`),
      '',
    );
  return lines.join('\n');
}

/**
 * Rewrites the relative locations in every meta.yaml to absolute file:// URIs of where this
 * copy is. Standard library only; Path.as_uri() percent-encodes, so the quoted YAML stays valid.
 */
export const RELOCATE_SCRIPT = `"""Make this MLflow export's artifact locations absolute, for any working directory."""
import pathlib
import re

here = pathlib.Path(__file__).resolve().parent
store = here / "mlruns"
field = re.compile(r'^(artifact_location|artifact_uri|storage_location): "(?:file://[^"]*?/)?mlruns/', re.M)
count = 0
for meta in store.rglob("meta.yaml"):
    text = meta.read_text(encoding="utf-8")
    new = field.sub(lambda m: f'{m.group(1)}: "{store.as_uri()}/', text)
    if new != text:
        meta.write_text(new, encoding="utf-8")
        count += 1
print(f"{count} meta.yaml files now point at {store.as_uri()}")
`;

"""Reads a Labbook MLflow export the way MLflow's file store reads it, with MLflow's own checks.

MLflow itself cannot be installed here (Debian has no python3-mlflow and pip has no network), so
this re-implements, line for line, what its readers do with each file and which checks they
apply while reading (they raise, and the UI fails the whole experiment, on any of them):

- mlflow/store/tracking/file_store.py: experiment folders under mlruns/ except .trash and models;
  meta.yaml read with yaml.safe_load; experiment_id and run experiment_id must match the folders;
  _get_run_files walks metrics/, params/, tags/ and re-validates every relative path with
  _validate_metric_name / _validate_param_name / _validate_tag_name; _get_metric_from_line
  splits "timestamp value step" and parses int(), float(), int(); an empty metric file is
  "malformed".
- mlflow/store/model_registry/file_store.py: mlruns/models/<name>/meta.yaml, tags/, aliases/
  (file content = version), version-<n>/meta.yaml with name, version, source, run_id,
  current_stage, and version-<n>/tags/.
- mlflow/utils/validation.py: ^[/\\w.\\- ]*$ (the Windows rule: no ":"), path_not_unique,
  _RUN_ID_REGEX, _EXPERIMENT_ID_REGEX, 250-character keys.

Usage: python3 scripts/reference/mlflow_filestore.py export.zip (or an unzipped export folder)
Prints what MLflow would list as JSON; exits 1 after listing every problem found.
"""

import json
import os
import posixpath
import re
import sys
import tempfile
import zipfile

import yaml

NAMES = re.compile(r"^[/\w.\- ]*$")
RUN_ID = re.compile(r"^[a-zA-Z0-9][\w\-]{0,255}$")
EXPERIMENT_ID = re.compile(r"^[a-zA-Z0-9][\w\-]{0,63}$")
STAGES = {"None", "Staging", "Production", "Archived"}
RESERVED_EXPERIMENT_FOLDERS = {"tags", "datasets", "traces"}

problems = []


def problem(message):
    problems.append(message)


def path_not_unique(name):
    norm = posixpath.normpath(name)
    return norm != name or norm == "." or norm.startswith("..") or norm.startswith("/")


def check_name(kind, name, where):
    if not NAMES.match(name) or path_not_unique(name) or len(name) > 250:
        problem(f"{where}: invalid {kind} name {name!r}")


def read_yaml(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def resource_files(root, sub):
    """FileStore._get_resource_files: every file under root/sub, as a path relative to it."""
    base = os.path.join(root, sub)
    names = []
    for folder, _, files in os.walk(base):
        for name in files:
            names.append(os.path.relpath(os.path.join(folder, name), base).replace(os.sep, "/"))
    return base, sorted(names)


def read_text(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def read_run(exp_dir, exp_id, run_uuid, top):
    where = f"run {exp_id}/{run_uuid}"
    run_dir = os.path.join(exp_dir, run_uuid)
    meta = read_yaml(os.path.join(run_dir, "meta.yaml"))
    if not RUN_ID.match(run_uuid) or meta.get("run_id") != run_uuid:
        problem(f"{where}: run_id {meta.get('run_id')!r} does not match its folder")
    if str(meta.get("experiment_id")) != exp_id:
        problem(f"{where}: experiment_id {meta.get('experiment_id')!r} is not {exp_id}")
    if meta.get("status") not in (1, 2, 3, 4, 5):
        problem(f"{where}: status {meta.get('status')!r}")
    if meta.get("lifecycle_stage") not in ("active", "deleted"):
        problem(f"{where}: lifecycle_stage {meta.get('lifecycle_stage')!r}")
    uri = meta.get("artifact_uri", "")
    local = uri[len("file://"):] if uri.startswith("file://") else os.path.join(top, uri)
    if os.path.realpath(local) != os.path.realpath(os.path.join(run_dir, "artifacts")):
        problem(f"{where}: artifact_uri {uri!r} is not the run's artifacts folder")
    run = {"name": meta.get("run_name"), "metrics": {}, "params": {}, "tags": {}, "artifacts": []}
    base, files = resource_files(run_dir, "metrics")
    for name in files:
        check_name("metric", name, where)
        lines = read_text(os.path.join(base, name)).splitlines()
        if not lines:
            problem(f"{where}: metric {name!r} is malformed. No data found.")
        history = []
        for line in lines:
            parts = line.strip().split(" ")
            if len(parts) not in (2, 3):
                problem(f"{where}: metric {name!r} line {line!r} has {len(parts)} fields")
                continue
            try:
                ts, value = int(parts[0]), float(parts[1])
                step = int(parts[2]) if len(parts) == 3 else 0
                history.append([ts, repr(value), step])
            except ValueError as e:
                problem(f"{where}: metric {name!r} line {line!r}: {e}")
        run["metrics"][name] = history
    for kind in ("params", "tags"):
        base, files = resource_files(run_dir, kind)
        for name in files:
            check_name(kind[:-1], name, where)
            run[kind][name] = read_text(os.path.join(base, name))
    _, run["artifacts"] = resource_files(run_dir, "artifacts")
    return run


def read_models(root):
    models = {}
    models_dir = os.path.join(root, "models")
    if not os.path.isdir(models_dir):
        return models
    for name in sorted(os.listdir(models_dir)):
        where = f"registered model {name!r}"
        model_dir = os.path.join(models_dir, name)
        if not name or "/" in name or "%" in name:
            problem(f"{where}: invalid name")
        meta = read_yaml(os.path.join(model_dir, "meta.yaml"))
        if meta.get("name") != name or not isinstance(meta.get("creation_timestamp"), int):
            problem(f"{where}: meta.yaml name {meta.get('name')!r} or creation_timestamp")
        base, files = resource_files(model_dir, "tags")
        for tag in files:
            check_name("tag", tag, where)
        versions = {}
        for folder in sorted(os.listdir(model_dir)):
            if not folder.startswith("version-"):
                continue
            v = read_yaml(os.path.join(model_dir, folder, "meta.yaml"))
            vwhere = f"{where} {folder}"
            if v.get("name") != name or f"version-{v.get('version')}" != folder:
                problem(f"{vwhere}: name {v.get('name')!r} / version {v.get('version')!r}")
            if v.get("current_stage") not in STAGES or not v.get("source"):
                problem(f"{vwhere}: current_stage or source missing")
            if not isinstance(v.get("creation_timestamp"), int):
                problem(f"{vwhere}: creation_timestamp")
            _, vtags = resource_files(os.path.join(model_dir, folder), "tags")
            for tag in vtags:
                check_name("tag", tag, vwhere)
            versions[str(v.get("version"))] = {"run_id": v.get("run_id"), "source": v.get("source")}
        base, aliases = resource_files(model_dir, "aliases")
        alias_map = {a: read_text(os.path.join(base, a)) for a in aliases}
        for alias, version in alias_map.items():
            if version not in versions:
                problem(f"{where}: alias {alias!r} points at missing version {version!r}")
        models[name] = {"versions": versions, "aliases": alias_map}
    return models


def read_store(top):
    root = os.path.join(top, "mlruns")
    if not os.path.isdir(os.path.join(root, ".trash")):
        problem("mlruns/.trash is missing")
    experiments = {}
    for exp_id in sorted(os.listdir(root)):
        exp_dir = os.path.join(root, exp_id)
        if exp_id in (".trash", "models") or not os.path.isdir(exp_dir):
            continue
        meta = read_yaml(os.path.join(exp_dir, "meta.yaml"))
        if not EXPERIMENT_ID.match(exp_id) or str(meta.get("experiment_id")) != exp_id:
            problem(f"experiment {exp_id}: experiment_id {meta.get('experiment_id')!r}")
        runs = {}
        for run_uuid in sorted(os.listdir(exp_dir)):
            path = os.path.join(exp_dir, run_uuid)
            if os.path.isdir(path) and run_uuid not in RESERVED_EXPERIMENT_FOLDERS:
                runs[run_uuid] = read_run(exp_dir, exp_id, run_uuid, top)
        experiments[exp_id] = {"name": meta.get("name"), "runs": runs}
    return {"experiments": experiments, "models": read_models(root)}


def main(path):
    """Reads an export zip, or an unzipped export folder in place (after relocate_artifacts.py)."""
    if os.path.isdir(path):
        store = read_store(path)
    else:
        with tempfile.TemporaryDirectory() as top, zipfile.ZipFile(path) as z:
            for info in z.infolist():
                if info.filename.startswith("/") or ".." in info.filename.split("/"):
                    problem(f"zip entry {info.filename!r} escapes the folder")
            try:
                z.extractall(top)
                store = read_store(top)
            except (OSError, ValueError, yaml.YAMLError) as e:
                store = None
                problem(f"MLflow cannot read the store: {e}")
    print(json.dumps({"store": store, "problems": problems}, ensure_ascii=False, indent=1))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

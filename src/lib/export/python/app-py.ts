import type { ColumnSpec } from '../../registry/types';
import { pyIdentifiers, pyStr, pyValue } from './py';

/** Attributes of pydantic's BaseModel (v1 and v2) a field must not shadow. */
const RESERVED = new Set(
  'Finite Text StrictBool datetime Field validator BaseModel dict json copy parse_obj parse_raw parse_file from_orm schema schema_json construct validate fields Config update_forward_refs'.split(
    ' ',
  ),
);

const TYPES: Record<ColumnSpec['type'], string> = {
  double: 'Finite',
  long: 'Finite',
  string: 'Text',
  boolean: 'StrictBool',
  datetime: 'datetime',
};

/** The pydantic field names for the signature's columns: identifiers, the real name an alias. */
function fieldNames(inputs: readonly ColumnSpec[]): string[] {
  return pyIdentifiers(inputs.map((c) => c.name)).map((id) =>
    RESERVED.has(id) || id.startsWith('model_') ? `${id}_` : id,
  );
}

export interface AppSpec {
  modelName: string;
  version: number | null;
  inputs: readonly ColumnSpec[];
  /** The course's diabetes routes (`/diabetes/predict`, `/diabetes/patients/randomtest`). */
  courseRoutes: boolean;
}

/**
 * `app.py`: the Labbook's prediction API in FastAPI. The request model is generated from the
 * version's signature: every field required, unknown fields refused, numbers finite, whole
 * numbers for `long`, so the same requests get the same status codes (422, 415) as the Labbook.
 */
export function appPy(spec: AppSpec): string {
  const names = fieldNames(spec.inputs);
  const fields = spec.inputs
    .map((c, i) => `    ${names[i]}: ${TYPES[c.type]} = Field(..., alias=${pyStr(c.name)})`)
    .join('\n');
  const longs = names.filter((_, i) => spec.inputs[i]!.type === 'long');
  const uses = (type: ColumnSpec['type']) => spec.inputs.some((c) => c.type === type);
  const pydantic = [
    'BaseModel',
    'Field',
    ...(uses('boolean') ? ['StrictBool'] : []),
    'confloat',
    'constr',
    ...(longs.length ? ['validator'] : []),
  ];
  const wholeCheck = longs.length
    ? `
    @validator(${longs.map(pyStr).join(', ')})
    def whole_number(cls, v):
        if not float(v).is_integer():
            raise ValueError("Input should be a valid integer, got a number with a fractional part")
        return v
`
    : '';
  return `"""The Labbook's prediction API for this model, in FastAPI.

    python3 -m uvicorn app:app --port 8000

Needs model/model.pkl: run python3 train.py first.
"""
import math
${spec.courseRoutes ? 'import random\n' : ''}import sys
${uses('datetime') ? 'from datetime import datetime\n' : ''}from pathlib import Path
from typing import Any, List, Optional

import pandas as pd
from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import ${pydantic.join(', ')}

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))

${spec.courseRoutes ? 'import features  # noqa: E402\n' : ''}import pipeline  # noqa: E402

MODEL_NAME = ${pyStr(spec.modelName)}
MODEL_VERSION = ${pyValue(spec.version)}
# JSON has no NaN, and 1e400 reads as infinity: both are refused, as the Labbook refuses them.
Finite = confloat(allow_inf_nan=False)
Text = constr(strict=True, max_length=1000)


class ModelInput(BaseModel):
    """One row, as the version's signature lists its inputs."""

${fields || '    pass'}

    class Config:
        extra = "forbid"
${wholeCheck}

class Split(BaseModel):
    columns: List[str]
    data: List[List[Any]]


class Invocation(BaseModel):
    """MLflow's batch formats: send exactly one."""

    dataframe_records: Optional[List[ModelInput]] = None
    instances: Optional[List[ModelInput]] = None
    inputs: Optional[List[ModelInput]] = None
    dataframe_split: Optional[Split] = None

    class Config:
        extra = "forbid"


app = FastAPI(title=MODEL_NAME)
_saved = {}


def model():
    if "model" not in _saved:
        if not pipeline.MODEL_FILE.exists():
            raise HTTPException(503, "No trained model: run python3 train.py first.")
        _saved["model"] = pipeline.load()
    return _saved["model"]


@app.middleware("http")
async def json_only(request: Request, call_next):
    """A POST must say its body is JSON (415 otherwise), as the Labbook's API does."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if request.method == "POST" and kind != "application/json":
        detail = [{"loc": ["header", "content-type"], "msg": "Send application/json", "type": "unsupported_media_type"}]
        return JSONResponse({"detail": detail}, status_code=415)
    return await call_next(request)


def rows_of(models):
    return [m.dict(by_alias=True) for m in models]


def score(rows, loc):
    predictions = pipeline.predict(model(), pd.DataFrame(rows)).tolist()
    bad = [i for i, p in enumerate(predictions) if not math.isfinite(p)]
    if bad:
        detail = [{"loc": loc + ([i] if len(rows) > 1 else []), "msg": "The prediction is not finite: an input is far outside the training range", "type": "non_finite_prediction"} for i in bad]
        raise HTTPException(422, detail)
    return predictions


def check_name(name):
    if name != MODEL_NAME:
        raise HTTPException(404, f"No model {name!r}; this service serves {MODEL_NAME!r}.")


@app.get("/v1/health")
def health():
    return {"status": "ok", "model": MODEL_NAME, "version": MODEL_VERSION}


@app.post("/v1/models/{name}/predict")
def predict(name: str, row: ModelInput):
    check_name(name)
    [prediction] = score(rows_of([row]), ["body"])
    return {"prediction": prediction, "model": MODEL_NAME, "version": MODEL_VERSION}


@app.post("/v1/models/{name}/invocations")
def invocations(name: str, body: Invocation):
    check_name(name)
    given = [k for k in ("dataframe_records", "instances", "inputs", "dataframe_split") if getattr(body, k) is not None]
    if len(given) != 1:
        detail = [{"loc": ["body"], "msg": "Send exactly one of dataframe_records, dataframe_split, instances or inputs", "type": "invocation_format"}]
        raise HTTPException(422, detail)
    if given[0] == "dataframe_split":
        split = body.dataframe_split
        try:
            records = [ModelInput(**dict(zip(split.columns, row))) for row in split.data]
        except ValueError as error:
            raise HTTPException(422, str(error)) from error
    else:
        records = getattr(body, given[0])
    return {"predictions": score(rows_of(records), ["body", given[0]])}
${spec.courseRoutes ? courseRoutes() : ''}`;
}

function courseRoutes(): string {
  return `

# The course's own diabetes API.
@app.post("/diabetes/predict")
def diabetes_predict(row: ModelInput):
    return predict(MODEL_NAME, row)


@app.get("/diabetes/patients/randomtest")
def random_test_patient():
    """One row of the test split: the model's inputs (x) and the observed progression (y)."""
    test = features.read_rows(ROOT / "data" / "test.csv")
    target = pipeline.load_params()["features"]["target"]
    row = test.iloc[random.randrange(len(test))]
    x = {c["name"]: row[c["name"]].item() if hasattr(row[c["name"]], "item") else row[c["name"]] for c in features.INPUTS}
    return {"x": x, "y": float(row[target])}
`;
}

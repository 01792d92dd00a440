import { predictDuration } from './model.js';

/** The request body's fields, as a pydantic model would declare them: type and bounds. */
export const FIELDS = {
  distance_km: { type: 'number', min: 0, max: 200 },
  hour: { type: 'integer', min: 0, max: 23 },
  weekday: { type: 'integer', min: 0, max: 6 },
  passenger_count: { type: 'integer', min: 1, max: 9 },
};

/**
 * POST /predict in miniature: takes the parsed JSON body, answers { status, body } as FastAPI
 * would — 200 with the prediction, or 422 with one entry per bad field (loc names the field).
 */
export function handlePredict(body) {
  const detail = validate(body);
  if (detail.length > 0) return { status: 422, body: { detail } };
  return { status: 200, body: { trip_duration: predictDuration(body) } };
}

function validate(body) {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return [{ loc: ['body'], msg: 'Input should be a valid dictionary', type: 'dict_type' }];
  const detail = [];
  for (const [field, rule] of Object.entries(FIELDS)) {
    const problem = checkField(body[field], rule);
    if (problem) detail.push({ loc: ['body', field], ...problem });
  }
  return detail;
}

// Strict, like pydantic's strict mode: the text "3.2" is not a number here.
function checkField(value, rule) {
  if (value === undefined) return { msg: 'Field required', type: 'missing' };
  if (typeof value !== 'number' || !Number.isFinite(value))
    return { msg: 'Input should be a valid number', type: 'float_type' };
  if (rule.type === 'integer' && !Number.isInteger(value))
    return { msg: 'Input should be a valid integer', type: 'int_type' };
  if (value < rule.min)
    return {
      msg: `Input should be greater than or equal to ${rule.min}`,
      type: 'greater_than_equal',
    };
  if (value > rule.max)
    return { msg: `Input should be less than or equal to ${rule.max}`, type: 'less_than_equal' };
  return undefined;
}

/** The course's example patient (the diabetes demo's request body), valid for the diabetes API. */
export const COURSE_PATIENT = {
  age: 59,
  sex: 2,
  bmi: 32.1,
  bp: 101,
  tc: 157,
  ldl: 93.2,
  hdl: 38,
  tch: 4,
  ltg: 4.8598,
  glu: 87,
};

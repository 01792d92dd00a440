import type { LabNamespaceDoc } from './types';

export const appDocs: LabNamespaceDoc = {
  doc: "Front ends you build (the course's Streamlit practice): a form page bound to an endpoint.",
  members: {
    form: {
      signature:
        "await lab.app.form({ name: 'diabetes-form', endpoint: 'diabetes', fields: ['age', 'sex', 'bmi', 'bp', 'tc', 'ldl', 'hdl', 'tch', 'ltg', 'glu'], title: 'Diabetes progression' })",
      doc: [
        "A form page at #/apps/<name>, its inputs from the endpoint's OpenAPI request schema (numbers with their bounds, enums as a select, booleans as a checkbox, defaults, required) or only the chosen `fields`. `endpoint` is a served endpoint's name or a route of your own API ('student/<project>/<path>'). The page POSTs the inputs to the API, shows the prediction, and puts each 422 issue beside its field.",
        'The Streamlit equivalent:',
        '  import requests, streamlit as st',
        "  age = st.number_input('age', min_value=18, max_value=79)",
        "  bmi = st.number_input('bmi')",
        "  if st.button('Predict'):",
        "      r = requests.post(API + '/predict', json={'age': age, 'bmi': bmi})",
        "      st.metric('Prediction', r.json()['result']) if r.ok else st.error(r.json()['detail'])",
      ].join('\n'),
    },
    list: { signature: 'await lab.app.list()', doc: 'The declared forms and their pages.' },
    get: { signature: "await lab.app.get('diabetes-form')", doc: 'One declared form, its fields.' },
  },
};

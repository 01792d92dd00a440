// The taxi trip-duration API: FastAPI + pydantic in the course, zod + defineApi here.
// Served at api/student/taxi-api/ (docs page: api/student/taxi-api/docs).
import { z } from 'zod';
import { defineApi } from 'labbook/api';

// A trip as a client sends it: raw fields only (pydantic: class Trip(BaseModel)).
// No bounds yet: anything that is a number passes.
const Trip = z.object({
  vendor_id: z.number(),
  pickup_datetime: z.string(),
  passenger_count: z.number(),
  pickup_latitude: z.number(),
  pickup_longitude: z.number(),
  dropoff_latitude: z.number(),
  dropoff_longitude: z.number(),
});

export default defineApi({
  title: 'Taxi trip duration',
  version: '0.1.0',
  routes: [
    {
      method: 'POST',
      path: '/predict',
      summary: 'Predict the duration of a trip, in seconds',
      body: Trip,
      response: z.object({ trip_duration: z.number(), model_version: z.number() }),
      handler: async () => {
        // A placeholder: ten minutes for every trip, from no model at all.
        return { trip_duration: 600, model_version: 0 };
      },
    },
  ],
});

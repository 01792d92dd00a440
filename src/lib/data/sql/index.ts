export { SqlDatabase, SqlError, resultToTable, type SqlResult } from './database';
export { buildDiabetesDatabase } from './diabetes';

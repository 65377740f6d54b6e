/** The Data pages' answers (GET /console/api/accounts/:appid/data/:page). */
export type { DataPage, DataTable, DataView } from '../../../../src/modules/datacube/index.js';

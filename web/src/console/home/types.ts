/** The home's answer (GET /accounts/:appid/home), from the server's assembler (type-only). */
export type { AccountHome, HomeNotice } from '../../../../src/modules/home/home.js';
/** The read log's answer (GET /accounts/:appid/read-log), from the server (type-only). */
export type { ReadLog } from '../../../../src/modules/reader/console/readLog.js';

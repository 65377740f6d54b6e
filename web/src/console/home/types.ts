/** The home's answer (GET /accounts/:appid/home), from the server's assembler (type-only). */
export type { AccountHome, HomeNotice } from '../../../../src/modules/home/home.js';

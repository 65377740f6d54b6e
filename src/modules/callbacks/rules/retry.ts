import { retryPolicy } from '../../../platform/jobs/retry.js';

/**
 * WeChat's retries of a callback to the developer's server: three attempts in all, the next at
 * once after one fails or times out (the same MsgId each time).
 */
export const CALLBACK_RETRY = retryPolicy(['0s', '0s']);

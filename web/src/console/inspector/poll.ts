/** How often the inspector refreshes the list of deliveries. */
export const POLL_MS = 3000;
/** How often an open delivery that is still in flight is refreshed. */
export const DETAIL_POLL_MS = 1000;

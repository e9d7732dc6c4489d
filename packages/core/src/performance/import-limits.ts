/** Large enough for a quarter of a busy partner's events; beyond it, partners should use the API. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

/** One file holds at most this many rows; bigger feeds belong on the API. */
export const MAX_IMPORT_ROWS = 200_000;

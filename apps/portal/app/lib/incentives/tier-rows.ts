/** The tier rows the configuration form offers; blank rows (no name) are left out. */
export const TIER_ROWS = 6;

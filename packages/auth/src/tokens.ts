// Token helpers live in core (invitations and API keys use them too); re-exported for auth's callers.
export { hashSecret, randomToken, secretMatches } from '@outpost/core';

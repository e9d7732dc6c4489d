import { loggerFor } from '@outpost/log';

/** The Slack bot's log lines (`"component":"slack"`); the request id comes from web.ts's context. */
export const slackLog = loggerFor('slack');

import { App, type Logger, LogLevel, type Receiver } from '@slack/bolt';
import type { ListenerDeps } from './deps.ts';
import { registerListeners } from './listeners/index.ts';
import { slackLog } from './log.ts';

/**
 * Bolt as a router only: requests arrive through our own handler (no receiver of
 * Bolt's listens on a port), and every Slack call goes through the SlackGateway, so
 * Bolt never needs the token (no auth.test at start-up, nothing to fake twice).
 */
export function createBoltApp(deps: ListenerDeps): App {
  const app = new App({
    receiver: detachedReceiver,
    authorize: async () => ({}),
    logger: boltLogger,
    // Conversation state would live in process memory; Outpost keeps state in the database.
    convoStore: false,
  });
  // Listeners turn their own failures into replies; what still arrives here is a bug.
  app.error(async (error) => {
    slackLog.error({ err: (error as { original?: unknown }).original ?? error }, 'Slack listener failed');
  });
  registerListeners(app, deps);
  return app;
}

const detachedReceiver: Receiver = {
  init() {},
  start: async () => undefined,
  stop: async () => undefined,
};

const boltLogger: Logger = {
  debug() {},
  info() {},
  warn: (...messages) => slackLog.warn({ bolt: messages.map(String) }, 'bolt warning'),
  error: (...messages) => slackLog.error({ bolt: messages.map(String) }, 'bolt error'),
  setLevel() {},
  getLevel: () => LogLevel.WARN,
  setName() {},
};

import type { SlackGateway } from '@outpost/core';
import type { Database } from '@outpost/db';
import type { MessageRefresher } from './refresher.ts';
import type { ReplySender } from './replies.ts';

export interface SlackEventsDeps {
  db: Database;
  signingSecret: string;
  slack: SlackGateway;
  /** Base URL of the portal, for links in replies. */
  publicUrl: string;
  /** Answer Slack this long after a request if no listener acknowledged it (Slack gives up at 3 s). */
  ackTimeoutMs?: number;
  /**
   * The installed workspace (SLACK_TEAM_ID). Without it the bot token's own team is
   * asked once from Slack (auth.test). Requests from any other team are refused.
   */
  teamId?: string | undefined;
  /**
   * Redraw clicked messages from this process soon after the click (default true). Off,
   * only the worker's outbox pass redraws them — as after a crash right after the ack.
   */
  inProcessRefresh?: boolean;
  /** Larger bodies are refused before any parsing. */
  maxBodyBytes?: number;
}

/** What listeners get: the dependencies that matter once a request is verified. */
export type ListenerDeps = Pick<SlackEventsDeps, 'db' | 'slack' | 'publicUrl'> & {
  refresher: MessageRefresher;
  replies: ReplySender;
};

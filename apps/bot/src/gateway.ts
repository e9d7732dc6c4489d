import { type SlackGateway, SlackRateLimitedError } from '@outpost/core';
import { ErrorCode, type Logger, LogLevel, WebClient } from '@slack/web-api';
import { slackLog } from './log.ts';

/** What the bot needs to know about a Slack user to link them to an Outpost user. */
export interface SlackUserProfile {
  id: string;
  teamId: string | null;
  email: string | null;
  /** Slack's locale for the user (include_locale), e.g. "zh-CN" or "en-US". */
  locale: string | null;
  /** Bots, deactivated users and people from other organisations (Slack Connect) are never linked. */
  linkable: boolean;
}

/** The outbox's port plus what only interactive listeners use (users.info, views.open). */
export interface SlackWebGateway extends SlackGateway, SlackTeamIdentity {
  userProfile(slackUserId: string): Promise<SlackUserProfile | null>;
  /** Opens a modal; the trigger_id of the click is valid for 3 seconds, so call this first. */
  openView(triggerId: string, view: Record<string, unknown>): Promise<void>;
}

/** A gateway that can name the workspace its token belongs to (auth.test). */
export interface SlackTeamIdentity {
  installedTeamId(): Promise<string>;
}

export function hasTeamIdentity(slack: SlackGateway): slack is SlackGateway & SlackTeamIdentity {
  return typeof (slack as Partial<SlackTeamIdentity>).installedTeamId === 'function';
}

export function hasUserDirectory(slack: SlackGateway): slack is SlackWebGateway {
  return typeof (slack as Partial<SlackWebGateway>).userProfile === 'function';
}

export function canOpenViews(slack: SlackGateway): slack is SlackWebGateway {
  return typeof (slack as Partial<SlackWebGateway>).openView === 'function';
}

export interface SlackGatewayOptions {
  token: string;
  /** Base URL of the Web API; tests point it at a fake. Defaults to https://slack.com/api/. */
  apiUrl?: string | undefined;
  /** Per call. Must stay far below the outbox lease (2 min) so a slow call cannot outlive it. */
  timeoutMs?: number;
}

/**
 * The Slack Web API behind the SlackGateway port. The client's own retries are off:
 * a 429 becomes SlackRateLimitedError at once and any other failure is thrown, so the
 * outbox — which survives restarts — decides when to try again, and an interactive
 * listener fails fast instead of sleeping for half an hour inside a request.
 */
export function createSlackGateway(options: SlackGatewayOptions): SlackWebGateway {
  const client = new WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 15_000,
    logger: quietLogger,
  });

  return {
    async installedTeamId() {
      const result = await slackCall(() => client.auth.test());
      if (!result.team_id) throw new Error('Slack auth.test returned no team_id.');
      return result.team_id;
    },

    async lookupUserByEmail(email) {
      try {
        const result = await slackCall(() => client.users.lookupByEmail({ email }));
        return result.user?.id ? { slackUserId: result.user.id, teamId: result.user.team_id ?? null } : null;
      } catch (error) {
        if (platformError(error) === 'users_not_found') return null;
        throw error;
      }
    },

    async postMessage({ channel, text, blocks }) {
      const result = await slackCall(() =>
        client.chat.postMessage({
          channel,
          text,
          ...(blocks ? { blocks: blocks as never } : {}),
          unfurl_links: false,
        }),
      );
      if (!result.channel || !result.ts)
        throw new Error('Slack accepted the message but returned no channel/ts.');
      return { channel: result.channel, ts: result.ts };
    },

    async updateMessage({ channel, ts, text, blocks }) {
      await slackCall(() =>
        client.chat.update({ channel, ts, text, ...(blocks ? { blocks: blocks as never } : {}) }),
      );
    },

    async openView(triggerId, view) {
      await slackCall(() => client.views.open({ trigger_id: triggerId, view: view as never }));
    },

    async userProfile(slackUserId) {
      try {
        const { user } = await slackCall(() =>
          client.users.info({ user: slackUserId, include_locale: true }),
        );
        if (!user?.id) return null;
        return {
          id: user.id,
          teamId: user.team_id ?? null,
          email: user.profile?.email ?? null,
          locale: user.locale ?? null,
          linkable: !user.is_bot && !user.deleted && !user.is_stranger && user.id !== 'USLACKBOT',
        };
      } catch (error) {
        if (platformError(error) === 'user_not_found') return null;
        throw error;
      }
    },
  };
}

async function slackCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if ((error as { code?: string }).code === ErrorCode.RateLimitedError) {
      throw new SlackRateLimitedError((error as { retryAfter: number }).retryAfter);
    }
    throw error;
  }
}

function platformError(error: unknown): string | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  return e.code === ErrorCode.PlatformError ? e.data?.error : undefined;
}

/**
 * The client logs every failed request as a warning; the outbox records the error on
 * the row instead, so only the client's own errors reach the log.
 */
const quietLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error: (...messages) => slackLog.error({ webApi: messages.map(String) }, 'Slack Web API client error'),
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};

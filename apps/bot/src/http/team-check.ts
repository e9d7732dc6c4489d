import type { SlackEventsDeps } from '../deps.ts';
import { hasTeamIdentity } from '../gateway.ts';

/**
 * Outpost is installed in one Slack workspace. Every request must come from it: the
 * request's team and, when Slack names it, the acting user's own team (a Slack Connect
 * guest from another organisation clicking in a shared channel carries the host's team
 * but their own user.team_id). Requests without a team are refused too.
 */
export function requestTeams(body: Record<string, unknown>): string[] {
  const teams: unknown[] = [];
  const team = body.team as { id?: unknown } | null | undefined;
  const user = body.user as { team_id?: unknown } | null | undefined;
  teams.push(team?.id, body.team_id, user?.team_id);
  return teams.filter((t): t is string => typeof t === 'string' && t !== '');
}

/**
 * The installed workspace: SLACK_TEAM_ID when configured, otherwise Slack's own answer
 * to auth.test for the bot token, asked once (a failed call is asked again next time).
 */
export function installedTeam(deps: SlackEventsDeps): () => Promise<string | null> {
  let known: Promise<string | null> | null = deps.teamId ? Promise.resolve(deps.teamId) : null;
  return async () => {
    if (!known) {
      if (!hasTeamIdentity(deps.slack)) return null;
      const asking = deps.slack.installedTeamId();
      known = asking;
      asking.catch(() => {
        if (known === asking) known = null;
      });
    }
    return known;
  };
}

export function fromInstalledTeam(body: Record<string, unknown>, installed: string): boolean {
  const teams = requestTeams(body);
  return teams.length > 0 && teams.every((t) => t === installed);
}

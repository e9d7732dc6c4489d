import { apiKeys, type Database, passwordTokens, sessions, slackLinkRequests, slackLinks } from '@outpost/db';
import { and, eq, isNull } from 'drizzle-orm';

/** How a person's new password is checked and hashed: packages/auth's, handed in by the transport. */
export interface PasswordRules {
  hash(password: string): Promise<string>;
  problem(password: string): { key: string; message: string } | null;
}

/**
 * Ends everything a person holds, in the caller's transaction (deactivation, decision record 042):
 * every session at once (a request with an old cookie finds none, and the person is disabled
 * anyway), the Slack link and any open link request (a click in Slack no longer acts as them),
 * unused password links, and the API keys they created (the partner's administrator issues new
 * ones; a person who left may have kept a copy of the secret).
 */
export async function endPersonalAccess(tx: Database, userId: string) {
  const endedSessions = await tx
    .delete(sessions)
    .where(eq(sessions.userId, userId))
    .returning({ id: sessions.id });
  const unlinked = await tx
    .delete(slackLinks)
    .where(eq(slackLinks.userId, userId))
    .returning({ slackUserId: slackLinks.slackUserId });
  await tx
    .update(slackLinkRequests)
    .set({ resolvedAt: new Date(), resolution: 'declined' })
    .where(and(eq(slackLinkRequests.userId, userId), isNull(slackLinkRequests.resolvedAt)));
  await tx
    .update(passwordTokens)
    .set({ revoked: true })
    .where(
      and(
        eq(passwordTokens.userId, userId),
        isNull(passwordTokens.usedAt),
        eq(passwordTokens.revoked, false),
      ),
    );
  const keys = await tx
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.createdBy, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return {
    sessionsEnded: endedSessions.length,
    slackUnlinked: unlinked[0]?.slackUserId ?? null,
    apiKeysRevoked: keys.map((k) => k.id),
  };
}

/**
 * A reply only the clicking person sees, sent through the request's response_url
 * (works in any channel for 30 minutes, unlike chat.postEphemeral which needs the bot
 * to be a member of the channel).
 */
export function ephemeral(text: string, blocks?: Record<string, unknown>[]) {
  return {
    response_type: 'ephemeral' as const,
    replace_original: false,
    text,
    ...(blocks ? { blocks } : {}),
  };
}

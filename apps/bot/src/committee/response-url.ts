import type { Reply } from './vote-from-slack.ts';

/**
 * Answers through a response_url kept from an earlier click. A modal submission has
 * none of its own, but the click that opened the modal did (valid for 30 minutes).
 */
export function replyToResponseUrl(url: string | null): Reply {
  return async (message) => {
    if (!url) throw new Error('No response_url to answer on.');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`Failed to respond to the response_url: ${response.status}`);
  };
}

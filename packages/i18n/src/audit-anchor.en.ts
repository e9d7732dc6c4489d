/** Audit checkpoints and Slack link confirmation (decision 017). English. */
export const auditAnchorEn = {
  'audit-anchor.checkpointSubject': 'Outpost audit checkpoint',
  'audit-anchor.checkpoint':
    'Audit checkpoint: the log has {entries, plural, one {# entry} other {# entries}} up to entry #{headId}. Keep this line; `npm run audit:verify -- --checkpoint <line>` checks the log against it: {line}',
  'audit-anchor.slackForeignTeam':
    'This Slack workspace is not the one Outpost is installed in, so Outpost does not act on requests from it.',
  'audit-anchor.slackLinkPending':
    'Your Outpost account is already linked to another Slack user. To move the link to this Slack user, confirm it on your account page in Outpost: {url}',
  'audit-anchor.linkRequestTitle': 'Slack link request',
  'audit-anchor.linkRequestText':
    'A Slack user ({slackUser}) asked to be linked to your account on {when}. Your current link stays until you confirm.',
  'audit-anchor.linkRequestConfirm': 'Move my link to this Slack user',
  'audit-anchor.linkRequestDecline': 'Not me — decline',
  'audit-anchor.linkRequestConfirmed': 'Your Slack link now points to the new Slack user.',
  'audit-anchor.linkRequestDeclined': 'The Slack link request was declined; your link is unchanged.',
} as const;

import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './columns.ts';
import { users } from './users.ts';

/** Links a staff user to their Slack user, so a click in Slack acts as that person. */
export const slackLinks = pgTable(
  'slack_links',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    slackUserId: text('slack_user_id').notNull(),
    slackTeamId: text('slack_team_id'),
    linkedVia: text('linked_via', { enum: ['email', 'portal'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('slack_links_slack_user_key').on(t.slackUserId)],
);

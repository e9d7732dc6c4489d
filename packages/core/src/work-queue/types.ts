import type { Database } from '@outpost/db';
import type { Permission } from '../permissions.ts';

/** Text that comes from data kept in both languages (a requirement's name); plain text is the same in both. */
export type WorkText = string | { zh: string; en: string };

/** One thing waiting for a person, and the page where they do it. */
export interface WorkItem {
  id: string;
  /** The portal page (with an anchor where the page holds many) where the work is done. */
  href: string;
  partnerName: string;
  /** What it is about beyond the group's title (a document's requirement, a quarter, an item's text). */
  subject: WorkText | null;
  /** A code with its own catalogue entry (`stage.pilot`), when the group spans several. */
  stage: string | null;
  /** Since when it has been waiting (the oldest come first). */
  since: Date | null;
  /** The day it was due (YYYY-MM-DD, the insurer's calendar), for items with a deadline. */
  dueDate: string | null;
}

/** A group as the person sees it: how many are waiting and the few that have waited longest. */
export interface WorkGroup {
  key: string;
  count: number;
  items: WorkItem[];
  /** The list page showing every item of the group, when one exists. */
  listHref: string | null;
}

export interface WorkSourceContext {
  /** The staff member's user id (ballots are per member). */
  userId: string;
  /** Today in China, for deadlines. */
  today: string;
  /** How many items to return; the count covers all of them. */
  limit: number;
}

/**
 * One kind of work, in its own module under groups/. The permission decides whose work
 * it is; `load` runs one indexed query returning the total and the first `limit` items.
 * A new capability adds a group by adding a module and one line in registry.ts
 * (and its title and empty-state text in the work-queue catalogue).
 */
export interface WorkSource {
  key: string;
  permission: Permission;
  listHref: string | null;
  /** Whether the group is this person's at all, beyond the permission (e.g. configured contract approvers). */
  relevant?(db: Database, context: WorkSourceContext): Promise<boolean>;
  load(db: Database, context: WorkSourceContext): Promise<{ count: number; items: WorkItem[] }>;
}

import { passwordProblem } from '@outpost/auth';
import { type Actor, type FileStorage, personById } from '@outpost/core';
import type { Database } from '@outpost/db';
import { todayInChina } from '@outpost/i18n';

export const DEMO_PASSWORD = 'outpost-demo-2026';

/**
 * What every seed module needs. Dates are relative to the real "today" in the insurer's zone
 * (documents must be valid and the current quarter filled whenever the demo is started);
 * everything else (names, events, scores) is the same on every run.
 */
export interface SeedContext {
  db: Database;
  storage: FileStorage;
  /** Today in Asia/Shanghai, YYYY-MM-DD. */
  today: string;
  now: Date;
  /** The demo password, hashed once: accepting an invitation hashes with it instead of argon2 each time. */
  passwords: {
    hash(password: string): Promise<string>;
    problem(password: string): { key: string; message: string } | null;
  };
  /** Staff actors by e-mail. */
  staff: Map<string, Actor>;
}

export function createContext(db: Database, storage: FileStorage, passwordHash: string, now = new Date()) {
  const context: SeedContext = {
    db,
    storage,
    now,
    today: todayInChina(now),
    passwords: { hash: async () => passwordHash, problem: passwordProblem },
    staff: new Map(),
  };
  return context;
}

export function staffActor(context: SeedContext, email: string): Actor {
  const actor = context.staff.get(email);
  if (!actor) throw new Error(`seed: no demo staff member ${email}`);
  return actor;
}

export async function actorOf(db: Database, userId: string): Promise<Actor> {
  const person = await personById(db, userId);
  if (!person) throw new Error(`seed: user ${userId} not found`);
  return person.actor;
}

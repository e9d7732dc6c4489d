import { postgresClient } from '@outpost/db';
import { randomBytes } from 'node:crypto';
import { withDatabase } from '@outpost/db/testing';

export interface RunDatabase {
  /** The DATABASE_URL for the server under test. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty PostgreSQL database on the server DATABASE_URL points at, for one
 * e2e run: the server migrates and seeds it like a first install. Dropped afterwards.
 */
export async function createRunDatabase(adminUrl: string): Promise<RunDatabase> {
  const name = `outpost_e2e_${randomBytes(5).toString('hex')}`;
  const admin = postgresClient(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  return {
    url: withDatabase(adminUrl, name),
    async drop() {
      const dropper = postgresClient(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

// PLACEHOLDER — being replaced by the pg-boss worker implementation.
import type { SlackGateway } from '@outpost/core';
import type { DatabaseConnection } from '@outpost/db';

export interface WorkerDeps {
  conn: DatabaseConnection;
  slack: SlackGateway | null;
  publicUrl: string;
  reviewersChannel: string | null;
}

export interface WorkerHandle {
  stop(): Promise<void>;
}

export async function startWorker(_deps: WorkerDeps): Promise<WorkerHandle> {
  return { async stop() {} };
}

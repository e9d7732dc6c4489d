import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileStorage, SlackGateway } from '@outpost/core';
import type { Database } from '@outpost/db';
import type { createRequestHandler, ServerBuild } from 'react-router';

export type PortalHandler = (request: Request) => Promise<Response>;

/** What the portal's loaders and actions get (through its load context). */
export interface PortalDeps {
  db: Database;
  slack: SlackGateway | null;
  storage: FileStorage;
  publicUrl: string;
  uploadMaxBytes: number;
  /** False when SMTP is not configured: invitation links are then shown to the inviter. */
  mailEnabled: boolean;
}

/**
 * The portal's server entry exports its own request handler and context factory, so
 * the handler and the context object always come from the same React Router copy
 * (in development Vite may load a second one).
 */
interface PortalEntry {
  createLoadContext(deps: PortalDeps): unknown;
  createRequestHandler: typeof createRequestHandler;
}

export const portalRoot = fileURLToPath(new URL('../../portal', import.meta.url));
export const portalBuildDir = `${portalRoot}/build`;

export function handlerForBuild(
  build: ServerBuild,
  deps: PortalDeps,
  mode: 'production' | 'development',
): PortalHandler {
  const entry = build.entry.module as unknown as PortalEntry;
  const handle = entry.createRequestHandler(build, mode);
  return (request) => handle(request, entry.createLoadContext(deps) as never);
}

/** The built portal (npm start builds it first). */
export async function loadBuiltPortal(deps: PortalDeps): Promise<PortalHandler> {
  const serverEntry = `${portalBuildDir}/server/index.js`;
  if (!existsSync(serverEntry)) {
    throw new Error(
      `The portal is not built (${serverEntry} is missing). Run "npm run build" or "npm start".`,
    );
  }
  const build = (await import(pathToFileURL(serverEntry).href)) as ServerBuild;
  return handlerForBuild(build, deps, 'production');
}

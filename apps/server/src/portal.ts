import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SlackGateway } from '@outpost/core';
import type { Database } from '@outpost/db';
import { createRequestHandler, type ServerBuild } from 'react-router';

export type PortalHandler = (request: Request) => Promise<Response>;

/** What the portal's loaders and actions get (through its load context). */
export interface PortalDeps {
  db: Database;
  slack: SlackGateway | null;
  publicUrl: string;
}

type PortalEntry = { createLoadContext(deps: PortalDeps): unknown };

export const portalRoot = fileURLToPath(new URL('../../portal', import.meta.url));
export const portalBuildDir = `${portalRoot}/build`;

export function handlerForBuild(build: ServerBuild, deps: PortalDeps, mode: 'production' | 'development'): PortalHandler {
  const handle = createRequestHandler(build, mode);
  const entry = build.entry.module as unknown as PortalEntry;
  return (request) => handle(request, entry.createLoadContext(deps) as never);
}

/** The built portal (npm start builds it first). */
export async function loadBuiltPortal(deps: PortalDeps): Promise<PortalHandler> {
  const serverEntry = `${portalBuildDir}/server/index.js`;
  if (!existsSync(serverEntry)) {
    throw new Error(`The portal is not built (${serverEntry} is missing). Run "npm run build" or "npm start".`);
  }
  const build = (await import(pathToFileURL(serverEntry).href)) as ServerBuild;
  return handlerForBuild(build, deps, 'production');
}

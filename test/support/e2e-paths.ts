import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const serverEntry = `${repoRoot}apps/server/src/main.ts`;
export const portalDir = `${repoRoot}apps/portal`;
export const portalServerBuild = `${portalDir}/build/server/index.js`;

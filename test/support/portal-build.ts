import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { portalDir, portalServerBuild } from './e2e-paths.ts';

/**
 * The e2e run builds nothing itself (turbo runs the portal build first); it fails
 * early with instructions when the build is missing, and warns when the portal
 * source changed after the last build, so nobody debugs yesterday's pages.
 */
export function assertPortalBuilt(): void {
  if (!existsSync(portalServerBuild)) {
    throw new Error(
      `The portal is not built (${portalServerBuild} is missing).\n` +
        '  Build it first:   npm run build -w @outpost/portal\n' +
        '  or run all tests: npm test   (turbo builds what the tests need)',
    );
  }
  const builtAt = statSync(portalServerBuild).mtimeMs;
  const newer = newestFile(path.join(portalDir, 'app'));
  if (newer && newer.mtimeMs > builtAt) {
    console.warn(
      `\n⚠ The portal build is older than ${path.relative(portalDir, newer.file)}; ` +
        'run "npm run build -w @outpost/portal" to test the current code.\n',
    );
  }
}

function newestFile(dir: string): { file: string; mtimeMs: number } | null {
  let newest: { file: string; mtimeMs: number } | null = null;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const { mtimeMs } = statSync(file);
    if (!newest || mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  }
  return newest;
}

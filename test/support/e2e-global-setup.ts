import type { TestProject } from 'vitest/node';
import { browserAvailable, chromiumPath } from './browser.ts';
import { startServer } from './e2e-server.ts';
import { assertPortalBuilt } from './portal-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The server under test, or '' when the browser tests are skipped. */
    baseUrl: string;
  }
}

/**
 * Once per e2e run: check the build and the browser, start one server for all test
 * files, stop it at the end. Without Chromium the tests are skipped locally (loudly)
 * but fail on CI, where a silent skip would look like a pass.
 */
export default async function setup(project: TestProject) {
  if (!browserAvailable()) {
    const message =
      `Chromium was not found at ${chromiumPath}. Install it with "apt-get install -y chromium" ` +
      'or set CHROMIUM_PATH (never download a browser with playwright install).';
    if (process.env.CI === 'true') throw new Error(message);
    console.warn(`\n${'!'.repeat(78)}\n!! SKIPPING the browser e2e tests. ${message}\n${'!'.repeat(78)}\n`);
    project.provide('baseUrl', '');
    return;
  }
  assertPortalBuilt();
  const server = await startServer();
  project.provide('baseUrl', server.baseUrl);
  return async () => {
    await server.stop();
  };
}

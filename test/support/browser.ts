import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium), or CHROMIUM_PATH. Never a downloaded browser. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function browserAvailable(): boolean {
  return existsSync(chromiumPath);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * A page that records every console error and uncaught exception. Tests call
 * `expectConsoleError` for the few they provoke on purpose (Chromium logs each 4xx
 * response as "Failed to load resource"); `assertNoConsoleErrors` fails on the rest.
 */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  expectConsoleError(pattern: RegExp): void;
  assertNoConsoleErrors(): void;
  close(): Promise<void>;
}

export async function openPage(
  browser: Browser,
  baseUrl: string,
  options: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: options.locale ?? 'zh-CN',
    viewport: options.viewport ?? { width: 1280, height: 800 },
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const expected: RegExp[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error')
      errors.push(`console.error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => {
    // Chromium's own PDF viewer (the inline document preview) throws inside its extension now
    // and then; that is the browser's code, not ours.
    if (/chrome-extension:\/\/|chrome:\/\/resources/.test(error.stack ?? '')) return;
    errors.push(`uncaught: ${error.stack ?? error.message}`);
  });
  return {
    page,
    context,
    expectConsoleError: (pattern) => expected.push(pattern),
    assertNoConsoleErrors() {
      const unexpected = errors.filter((e) => !expected.some((p) => p.test(e)));
      if (unexpected.length > 0)
        throw new Error(`Unexpected errors in the browser console:\n${unexpected.join('\n')}`);
    },
    close: () => context.close(),
  };
}

// Drives Debian's Chromium through playwright-core for the HTML report's tests: one browser per test file,
// a fresh profile, no background network of the browser's own, and every request and console error of a
// page recorded. Tests skip (saying why) where /usr/bin/chromium is absent; .ci/run installs it.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.KUBE2EKS_CHROMIUM ?? '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const NO_CHROMIUM_MESSAGE = `browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium, or set KUBE2EKS_CHROMIUM)`;

/** Screenshots and the reports they show, for a person to look at (git-ignored). */
export const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts/html-report');

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'kube2eks-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface OpenedPage {
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations. */
  errors: string[];
  /** Every URL the page requested, the report's own file included. */
  requests: string[];
  url: string;
}

/** Opens a report file at a viewport width, recording errors and requests from the first byte. */
export async function openReport(
  browser: Browser,
  file: string,
  width: number,
  hash = '',
): Promise<OpenedPage> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width, height: 900 });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => requests.push(r.url()));
  const url = pathToFileURL(file).href;
  await page.goto(url + hash, { waitUntil: 'load' });
  return { page, errors, requests, url };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

// Debian's chromium, headless, as every browser test launches it: playwright-core drives it and
// downloads no browser; no sandbox (CI runs as root); nothing reaches the network by itself.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Opens a report saved as a file, which must stand on its own: every request beyond the file
// itself is listed in `outside`, and every script error or console error in `errors`.
export async function openStandalonePage(browser, file, viewport) {
  const page = await browser.newPage({ viewport });
  const url = pathToFileURL(file).href;
  const outside = [];
  const errors = [];
  page.on('request', (request) => {
    if (request.url() !== url) outside.push(request.url());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, outside, errors };
}

// Opens a QAF HTML report in Debian's headless Chromium (playwright-core, no browser download),
// checks that it stands on its own (no request leaves the page's file, no script error), reads
// what a reader sees, and saves a full-page screenshot.
// Usage: node qaf_report_page.mjs REPORT.html SCREENSHOT.png
import { launchChromium, openStandalonePage } from './debian_chromium.mjs';

const [report, screenshot] = process.argv.slice(2);
if (!report || !screenshot) {
  console.error('usage: node qaf_report_page.mjs REPORT.html SCREENSHOT.png');
  process.exit(2);
}

const browser = await launchChromium();
try {
  const { page, outside, errors } = await openStandalonePage(browser, report, { width: 900, height: 1200 });
  const seen = await page.evaluate(() => ({
    title: document.title,
    heading: document.querySelector('h1')?.textContent ?? '',
    tables: document.querySelectorAll('table').length,
    charts: document.querySelectorAll('svg.chart').length,
    bars: document.querySelectorAll('svg.chart rect').length,
    text: document.body.innerText,
    width: document.documentElement.scrollWidth,
  }));
  await page.screenshot({ path: screenshot, fullPage: true });
  console.log(JSON.stringify({
    title: seen.title,
    heading: seen.heading,
    tables: seen.tables,
    charts: seen.charts,
    bars: seen.bars,
    total_respondents_474: seen.text.includes('Total Respondents: 474'),
    q20_yes: seen.text.includes('98.96%'),
    fits_viewport: seen.width <= 900,
    outside_requests: outside,
    errors,
  }));
} finally {
  await browser.close();
}

// Opens the IRO annual report's HTML in Debian's headless Chromium (playwright-core, no browser
// download) as a reader and as a printer would: it must stand on its own (no request beyond its
// own file, no script error), pass axe-core's WCAG 2.1 A/AA rules, and print on A4 portrait with
// no table or chart wider than the page (180 mm between 15 mm margins: 680 CSS px). Saves a
// screenshot of the page as read and a PDF of it as printed.
// Usage: node annual_report_page.mjs REPORT.html SCREENSHOT.png PRINTED.pdf
import { launchChromium, openStandalonePage } from './debian_chromium.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const [report, screenshot, pdf] = process.argv.slice(2);
if (!report || !screenshot || !pdf) {
  console.error('usage: node annual_report_page.mjs REPORT.html SCREENSHOT.png PRINTED.pdf');
  process.exit(2);
}
const a4Content = 680;  // 210 mm less two 15 mm margins, at 96 CSS px to the inch

const browser = await launchChromium();
try {
  const { page, outside, errors } = await openStandalonePage(browser, report, { width: 1000, height: 1400 });
  const seen = await page.evaluate(() => ({
    title: document.title,
    heading: document.querySelector('h1')?.textContent ?? '',
    tables: document.querySelectorAll('table').length,
    captions: [...document.querySelectorAll('caption')].map((c) => c.textContent),
    charts: document.querySelectorAll('figure svg[role=img]').length,
    charts_labelled: [...document.querySelectorAll('figure svg[role=img]')].every(
      (svg) => document.getElementById(svg.getAttribute('aria-labelledby'))?.textContent.includes('The figures are in table')),
  }));
  await page.screenshot({ path: screenshot, fullPage: false });

  // As printed: print media at the width of an A4 page's text.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: a4Content, height: 1000 });
  const printed = await page.evaluate((width) => {
    const wider = [];
    for (const el of document.querySelectorAll('table, figure, svg, h1, h2, h3, p')) {
      const box = el.getBoundingClientRect();
      if (box.right > width + 0.5 || el.scrollWidth > el.clientWidth + 1) {
        wider.push(`${el.tagName.toLowerCase()} ${el.querySelector('caption')?.textContent ?? el.id ?? ''} (${Math.round(box.right)} px)`);
      }
    }
    return { page_width: document.documentElement.scrollWidth, wider };
  }, a4Content);
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });

  await page.addScriptTag({ content: axeSource });
  const axe = await page.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  console.log(JSON.stringify({ ...seen, printed, axe, outside_requests: outside, errors }));
} finally {
  await browser.close();
}

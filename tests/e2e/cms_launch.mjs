// The panel as a council's staff meet it: inside the case-management system's page for the child,
// on another origin, opened by a signed launch URL the CMS makes for the user and the child, with
// single sign-on through the council's OpenID provider (oidc_provider.mjs). In Debian's headless
// Chromium at 360 and 1280 px, with JavaScript off and on.
//
// The CMS page is served here, as a CMS would: each request for it signs a fresh launch URL with
// the integration's secret (HMAC-SHA256 over "v1\nLAUNCH\n/panel/children/C\nts\nnonce\nuser\n"
// and the SHA-256 of an empty body) and frames it.
//
// In every variant each user reads the panel in the frame, the IRO adds a note, a screenshot of
// the CMS page is taken, and the user signs out (and is offered the provider's sign-out). In the
// first variant the social worker also acknowledges their prompt and the IRO completes the QAF
// for the child's review (each can be done once). With JavaScript on, axe-core checks every
// framed page against WCAG 2.1 A/AA.
//
// Usage: node cms_launch.mjs PLAN.json
// PLAN: {"base", "issuer", "child", "client", "secret", "screenshot_dir",
//        "variants": [{"width": 360, "js": false}, ...],
//        "users": [{"name": "social-worker", "user": "SW1", "action": "acknowledge"},
//                  {"name": "iro", "user": "IRO1", "action": "note_and_qaf", "note": "...",
//                   "qaf": {"question id": "option code" or null}}]}
import { launchChromium } from './debian_chromium.mjs';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const panelUrl = `${plan.base}/panel/children/${plan.child}`;

function launchUrl(user, child) {
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(16).toString('hex');
  const text = ['v1', 'LAUNCH', `/panel/children/${child}`, ts, nonce, user,
                createHash('sha256').update('').digest('hex')].join('\n');
  const sig = `v1=${createHmac('sha256', plan.secret).update(text).digest('hex')}`;
  const q = new URLSearchParams({ child, user, client: plan.client, ts, nonce, sig });
  return `${plan.base}/panel/launch?${q}`;
}

// The CMS: the child's record page, with the panel beside it.
const cms = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://cms');
  const user = url.searchParams.get('user') ?? '';
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(`<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Case record</title>
<style>body{margin:0;font:16px system-ui}header{background:#333;color:#fff;padding:.5rem}
iframe{border:0;border-left:4px solid #333;width:100%;height:1100px}</style></head>
<body><header><p>Council CMS: case record of child ${plan.child}</p></header>
<main><iframe title="IRO oversight panel" src="${launchUrl(user, plan.child)}"></iframe></main>
</body></html>`);
});
await new Promise((resolve) => cms.listen(0, '127.0.0.1', resolve));
const cmsOrigin = `http://127.0.0.1:${cms.address().port}`;

const browser = await launchChromium();

function panelFrame(page) {
  return page.frames().find((f) => f.url().startsWith(plan.base));
}

async function readFrame(frame) {
  return {
    url: frame.url(),
    h1: (await frame.locator('h1').allTextContents()).join(' '),
    status: (await frame.locator('[role=status]').allTextContents()).join(' ').trim(),
    error: (await frame.locator('[role=alert]').allTextContents()).join(' ').trim(),
    acknowledgeButtons: await frame.getByRole('button', { name: /^Acknowledge prompt:/ }).count(),
    notes: await frame.locator('section[aria-labelledby=notes-h] li').allTextContents(),
    qafLinks: await frame.locator('section[aria-labelledby=qaf-h] a').count(),
    scrollWidth: await frame.evaluate(() => document.documentElement.scrollWidth).catch(() => null),
  };
}

async function axe(frame) {
  await frame.addScriptTag({ content: axeSource });
  return frame.evaluate(async () => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return {
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })),
      passes: r.passes.length,
    };
  });
}

// Waits until the panel frame shows a page whose h1 matches.
async function frameAt(page, h1) {
  const frame = page.frameLocator('iframe');
  await frame.locator('h1', { hasText: h1 }).first().waitFor({ timeout: 30000 });
  return panelFrame(page);
}

async function run(user, variant, first) {
  const context = await browser.newContext({
    viewport: { width: variant.width, height: 900 }, locale: 'en-GB',
    javaScriptEnabled: variant.js, bypassCSP: variant.js,
  });
  const page = await context.newPage();
  const label = `${user.name}-${variant.width}${variant.js ? '-js' : ''}`;
  const result = { name: user.name, width: variant.width, js: variant.js, pages: [] };
  const outside = [];
  // What the panel's own pages fetch from elsewhere (the provider's login page is its own affair).
  page.on('request', (r) => {
    const from = r.frame().url();
    if (from.startsWith(plan.base) && !r.url().startsWith(plan.base)) outside.push(r.url());
  });
  const check = async (frame, name) => {
    if (variant.js) result.pages.push({ page: name, ...(await axe(frame)) });
  };
  try {
    await page.goto(`${cmsOrigin}/child/${plan.child}?user=${user.user}`);
    // The launch hands over to the provider: its login form, inside the CMS's frame.
    const idp = page.frameLocator('iframe');
    await idp.locator('input[name=login]').waitFor({ timeout: 30000 });
    await idp.locator('input[name=login]').fill(user.user);
    await idp.locator('input[name=password]').fill('any password');
    await idp.locator('button[type=submit]').click();
    let frame = await frameAt(page, 'IRO oversight');
    result.before = await readFrame(frame);
    await check(frame, 'panel');
    if (first && user.action === 'acknowledge') {
      const button = frame.getByRole('button', { name: /^Acknowledge prompt:/ }).first();
      result.acted_on = (await button.getAttribute('aria-label')).replace(/^Acknowledge prompt: /, '');
      await button.click();
      frame = await frameAt(page, 'IRO oversight');
      await frame.locator('[role=status]').first().waitFor();
      result.after = await readFrame(frame);
    }
    if (user.action === 'note_and_qaf') {
      // Every run adds a note (a form that must work with JavaScript off and on).
      await frame.getByLabel('Note', { exact: true }).fill(`${user.note} (${label})`);
      await frame.getByRole('button', { name: 'Add note' }).click();
      frame = await frameAt(page, 'IRO oversight');
      await frame.locator('[role=status]').first().waitFor();
      result.after_note = await readFrame(frame);
    }
    if (first && user.action === 'note_and_qaf') {
      await frame.locator('section[aria-labelledby=qaf-h] a').first().click();
      frame = await frameAt(page, 'review');
      await check(frame, 'qaf-form');
      // One answer to every choice question: the plan's where it names one (null: leave it
      // unanswered, as for a question that does not apply to this review), else the first.
      for (const fieldset of await frame.locator('fieldset').all()) {
        const name = await fieldset.locator('input').first().getAttribute('name');
        const chosen = user.qaf?.[name];
        if (chosen === null) continue;
        const input = chosen ? fieldset.locator(`input[value="${chosen}"]`) : fieldset.locator('input').first();
        await input.check();
      }
      await frame.getByRole('button', { name: 'Submit the QAF' }).click();
      frame = await frameAt(page, 'IRO oversight');
      await frame.locator('[role=status]').first().waitFor();
      result.after_qaf = await readFrame(frame);
    }
    await page.screenshot({ path: path.join(plan.screenshot_dir, `launch-${label}.png`), fullPage: true });
    await frame.getByRole('button', { name: 'Sign out' }).click();
    frame = await frameAt(page, 'You have signed out');
    result.signed_out = await readFrame(frame);
    const link = frame.getByRole('link', { name: /^Sign out of / });
    result.signed_out.provider_link = (await link.count()) ? await link.getAttribute('href') : '';
    await check(frame, 'signed-out');
  } catch (error) {
    result.failure = String(error);
    result.failure_frames = page.frames().map((f) => f.url());
    const stuck = panelFrame(page);
    if (stuck) result.failure_page = await readFrame(stuck).catch(() => null);
  } finally {
    result.outside_requests = outside;
    await context.close();
  }
  return result;
}

try {
  const runs = [];
  for (const user of plan.users) {
    let first = true;
    for (const variant of plan.variants) {
      runs.push(await run(user, variant, first));
      first = false;
    }
  }
  console.log(JSON.stringify({ cms: cmsOrigin, runs }));
} finally {
  await browser.close();
  cms.close();
}

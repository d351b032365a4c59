// The child's panel as its users meet it, in Debian's headless Chromium (playwright-core, no
// browser download), 360 px wide like a CMS side panel.
//
// With JavaScript off (the panel must work without it), each user signs in with their token,
// reads the panel, reaches its controls by keyboard and does their job: the social worker
// acknowledges a prompt addressed to them, the IRO adds a note. A full-page screenshot of each
// user's panel after the action goes to SCREENSHOT_DIR. Then, with JavaScript on only so axe-core
// can run (the page's own CSP would refuse the injected script), every page each user sees is
// checked against WCAG 2.1 A and AA.
//
// Usage: node panel_walkthrough.mjs PLAN.json
// PLAN: {"base": "http://127.0.0.1:PORT", "child": "C1", "screenshot_dir": "...",
//        "users": [{"name": "social-worker", "token": "...", "action": "acknowledge"},
//                  {"name": "iro", "token": "...", "action": "add_note", "note": "..."}]}
// Prints one JSON object: what each user saw and did, and axe's findings.
import { launchChromium } from './debian_chromium.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const planFile = process.argv[2];
if (!planFile) {
  console.error('usage: node panel_walkthrough.mjs PLAN.json');
  process.exit(2);
}
const plan = JSON.parse(readFileSync(planFile, 'utf8'));
const panelUrl = `${plan.base}/panel/children/${plan.child}`;
const origin = new URL(plan.base).origin;
const viewport = { width: 360, height: 800 };
const locale = 'en-GB';

const browser = await launchChromium();

// Requests that leave the service, and script errors, for one page.
function watch(page) {
  const seen = { outside: [], errors: [] };
  page.on('request', (request) => {
    if (!request.url().startsWith(origin + '/')) seen.outside.push(request.url());
  });
  page.on('pageerror', (error) => seen.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.errors.push(message.text());
  });
  return seen;
}

async function signIn(page, token) {
  const first = await page.goto(panelUrl);
  const redirectedToSignIn = new URL(page.url()).pathname === '/panel/sign-in';
  await page.getByLabel('Your API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(panelUrl);
  return { redirectedToSignIn, firstStatus: first?.status() ?? 0 };
}

// What a reader of the panel sees, read from the DOM (not from the page's scripts: there are none).
async function readPanel(page) {
  const h1 = await page.locator('h1').allTextContents();
  const h2 = await page.locator('h2').allTextContents();
  return {
    url: page.url(),
    title: await page.title(),
    h1,
    h2,
    landmarks: {
      banner: await page.locator('header').count(),
      main: await page.locator('main').count(),
      contentinfo: await page.locator('footer').count(),
    },
    status: (await page.locator('[role=status]').allTextContents()).join(' '),
    error: (await page.locator('[role=alert]').allTextContents()).join(' '),
    prompts: await page.locator('section[aria-labelledby=prompts-h] li').count(),
    acknowledgeButtons: await page.getByRole('button', { name: /^Acknowledge prompt:/ }).count(),
    alerts: await page.locator('section[aria-labelledby=alerts-h] li').count(),
    respondForms: await page.locator('form[action$="/respond"]').count(),
    notes: await page.locator('section[aria-labelledby=notes-h] li').allTextContents(),
    addNoteForm: await page.locator('form[action$="/notes"]').count(),
    qafLinks: await page.locator('section[aria-labelledby=qaf-h] a').count(),
    scripts: await page.locator('script').count(),
    text: await page.locator('body').innerText(),
    // Wider content than the panel would scroll sideways: WCAG 1.4.10 reflow at 320 CSS px.
    scrollWidth: await page.evaluate(() => document.documentElement.scrollWidth).catch(() => null),
  };
}

// Tabs from the top of the freshly loaded page until `target` has focus; the presses, or -1.
async function tabTo(page, target, limit = 80) {
  await page.goto(page.url());
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  return -1;
}

async function walk(user) {
  const context = await browser.newContext({ viewport, locale, javaScriptEnabled: false });
  const page = await context.newPage();
  const seen = watch(page);
  const result = { name: user.name };
  try {
    result.signIn = await signIn(page, user.token);
    result.before = await readPanel(page);
    await page.keyboard.press('Tab');
    result.skipLinkFirst = await page.locator('a.govuk-skip-link')
      .evaluate((el) => el === document.activeElement);
    if (user.action === 'acknowledge') {
      const button = page.getByRole('button', { name: /^Acknowledge prompt:/ }).first();
      result.acted_on = (await button.getAttribute('aria-label')).replace(/^Acknowledge prompt: /, '');
      result.tabPresses = await tabTo(page, button);
      await Promise.all([page.waitForURL(/done=|\/acknowledge$/), page.keyboard.press('Enter')]);
    } else if (user.action === 'add_note') {
      const textarea = page.getByLabel('Note', { exact: true });
      result.tabPresses = await tabTo(page, textarea);
      await page.keyboard.type(user.note);
      await page.keyboard.press('Tab');
      const focusedIsSubmit = await page.getByRole('button', { name: 'Add note' })
        .evaluate((el) => el === document.activeElement);
      result.submitFollowsNote = focusedIsSubmit;
      await Promise.all([page.waitForURL(/done=|\/notes$/), page.keyboard.press('Enter')]);
    }
    result.after = await readPanel(page);
    await page.screenshot({
      path: path.join(plan.screenshot_dir, `panel-${user.name}.png`),
      fullPage: true,
    });
  } catch (error) {
    result.failure = String(error);
  } finally {
    result.outside_requests = seen.outside;
    result.errors = seen.errors;
    await context.close();
  }
  return result;
}

// axe-core over every page this user reaches: sign-in, the panel, and (for an IRO) a QAF form.
async function audit(user) {
  const context = await browser.newContext({ viewport, locale, bypassCSP: true });
  const page = await context.newPage();
  const pages = [];
  const check = async (label) => {
    await page.addScriptTag({ content: axeSource });
    const outcome = await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return {
        violations: r.violations.map((v) => ({
          id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
          targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
        })),
        passes: r.passes.length,
      };
    });
    pages.push({ page: label, url: page.url(), ...outcome });
  };
  try {
    await page.goto(panelUrl);
    await check('sign-in');
    await page.getByLabel('Your API token').fill(user.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(panelUrl);
    await check('panel');
    const qaf = page.locator('section[aria-labelledby=qaf-h] a').first();
    if (await qaf.count()) {
      await qaf.click();
      await page.waitForURL(/\/qaf\//);
      await check('qaf-form');
    }
  } catch (error) {
    pages.push({ page: 'failure', failure: String(error) });
  } finally {
    await context.close();
  }
  return { name: user.name, pages };
}

try {
  const walks = [];
  const audits = [];
  for (const user of plan.users) walks.push(await walk(user));
  for (const user of plan.users) audits.push(await audit(user));
  console.log(JSON.stringify({ walks, audits }));
} finally {
  await browser.close();
}

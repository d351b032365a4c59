// Single sign-on to the panel in Debian's headless Chromium, against the real OpenID provider of
// oidc_provider.mjs: each case opens the child's panel, follows "Sign in with your council
// account" to the provider, signs in there, and reports where the browser ended up and what the
// page said. JavaScript is off throughout: the sign-in must not need it.
//
// Usage: node sso_sign_in.mjs PLAN.json
// PLAN: {"base": "http://127.0.0.1:PORT", "issuer": "http://127.0.0.1:PORT2", "child": "C1",
//        "cases": [{"name": "...", "login": "SW1", "tamper": {...}, "replay": true,
//                   "sign_out": true}]}
// A case's "tamper" is posted to the provider's /_test/tamper first (oidc_provider.mjs).
// Prints one JSON object: {"cases": [{name, callback_status, url, h1, error, ...}]}.
import { launchChromium } from './debian_chromium.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const panelUrl = `${plan.base}/panel/children/${plan.child}`;

const browser = await launchChromium();

async function read(page) {
  return {
    url: page.url(),
    h1: (await page.locator('h1').allTextContents()).join(' '),
    error: (await page.locator('[role=alert]').allTextContents()).join(' ').trim(),
    status: (await page.locator('[role=status]').allTextContents()).join(' ').trim(),
  };
}

// Through the provider's login form; back at the host's callback (whatever it answers).
async function signInAtProvider(page, login, result) {
  await page.goto(panelUrl);
  result.sign_in_page = new URL(page.url()).pathname;
  const callback = page.waitForResponse((r) => r.url().startsWith(`${plan.base}/panel/sign-in/callback`));
  await page.getByRole('link', { name: /^Sign in with / }).click();
  await page.waitForURL((url) => url.href.startsWith(plan.issuer));
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.locator('button[type=submit]').click();
  const answer = await callback;
  result.callback_url = answer.url();
  result.callback_status = answer.status();
  await page.waitForLoadState('load');
}

async function run(c) {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
  const page = await context.newPage();
  const result = { name: c.name };
  try {
    if (c.tamper) {
      const r = await fetch(`${plan.issuer}/_test/tamper`, {
        method: 'POST', body: JSON.stringify(c.tamper), headers: { 'content-type': 'application/json' },
      });
      if (r.status !== 204) throw new Error(`tamper: HTTP ${r.status}`);
    }
    await signInAtProvider(page, c.login, result);
    if (result.callback_status === 200) {
      // The signed-in page moves on to the panel by itself (a meta refresh, no script).
      await page.waitForURL(panelUrl);
    }
    result.landed = await read(page);
    if (c.replay) {
      const again = await page.goto(result.callback_url);
      result.replay = { ...(await read(page)), http_status: again.status() };
      // And in another browser, which never began it.
      const other = await browser.newContext({ javaScriptEnabled: false });
      const otherPage = await other.newPage();
      const elsewhere = await otherPage.goto(result.callback_url);
      result.elsewhere = { ...(await read(otherPage)), http_status: elsewhere.status() };
      const panel = await otherPage.goto(panelUrl);
      result.elsewhere.panel_path = new URL(otherPage.url()).pathname;
      result.elsewhere.panel_status = panel.status();
      await other.close();
    }
    if (c.sign_out) {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForLoadState('load');
      result.signed_out = await read(page);
      const provider = page.getByRole('link', { name: /^Sign out of / });
      result.signed_out.provider_link = (await provider.count()) ? await provider.getAttribute('href') : '';
      const panel = await page.goto(panelUrl);
      result.signed_out.panel_after = new URL(page.url()).pathname;
      result.signed_out.panel_after_status = panel.status();
      if (result.signed_out.provider_link) {
        await page.goto(result.signed_out.provider_link);
        // oidc-provider asks before ending its own session.
        await page.locator('button[autofocus], button[name=logout], button[type=submit]').first().click();
        await page.waitForURL((url) => url.href.startsWith(plan.base));
        result.signed_out.provider_returned_to = new URL(page.url()).pathname;
      }
    }
  } catch (error) {
    result.failure = String(error);
    result.failure_url = page.url();
  } finally {
    await context.close();
  }
  return result;
}

// axe-core over the sign-in page that offers single sign-on (JavaScript on only for axe, the
// page's CSP bypassed in this context alone).
async function auditSignIn() {
  const context = await browser.newContext({ bypassCSP: true, locale: 'en-GB' });
  const page = await context.newPage();
  try {
    await page.goto(panelUrl);
    await page.addScriptTag({ content: axeSource });
    return await page.evaluate(async () => {
      const r = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return { url: location.pathname, passes: r.passes.length,
               violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help })) };
    });
  } catch (error) {
    return { failure: String(error) };
  } finally {
    await context.close();
  }
}

try {
  const cases = [];
  for (const c of plan.cases) cases.push(await run(c));
  const sign_in_audit = plan.audit ? await auditSignIn() : null;
  console.log(JSON.stringify({ cases, sign_in_audit }));
} finally {
  await browser.close();
}

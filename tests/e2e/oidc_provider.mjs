// A real OpenID provider for the single sign-on tests: npm oidc-provider (pinned), on loopback,
// with its development login form (any login, any password; the login becomes the account's sub
// and preferred_username). Users consent once for all: a council's provider would have the
// administrator's consent for the panel.
//
// Usage: node oidc_provider.mjs
// Prints {"issuer": "http://127.0.0.1:PORT"} as its first line, then serves until it is stopped
// (SIGTERM) or the process that started it is gone.
//
// The tests reach it as a provider, plus two test-only endpoints:
//   POST /_test/client  {"redirect_uris": [...], "post_logout_redirect_uris": [...]}
//        registers the host's client "iro-panel" (a public client, PKCE) once the host's port is
//        known; the provider is rebuilt with the same issuer and keys.
//   POST /_test/tamper  {"claims": {...}, "key": "foreign"} or {"callback_iss": "https://..."}
//        the next token response's ID token gets these claims ("exp"/"iat" relative to now, in
//        seconds; null removes a claim) and is signed again with the provider's key, or with
//        one it never published: what a misconfigured or hostile provider would send; or the
//        next redirect back to the host names another issuer.
import http from 'node:http';
import Provider from 'oidc-provider';
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair, importJWK } from 'jose';

const server = http.createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const issuer = `http://127.0.0.1:${server.address().port}`;

async function signingKey(kid) {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' };
}
const published = await signingKey('test-key-1');
const foreign = await signingKey('test-key-1');  // same kid, a key the provider never published

let tamper = null;
let provider = null;

function build(client) {
  const p = new Provider(issuer, {
    clients: client ? [client] : [],
    jwks: { keys: [published] },
    cookies: { keys: ['oidc-provider-test-cookie-key'] },
    claims: { openid: ['sub'], profile: ['preferred_username', 'name'], email: ['email'] },
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    findAccount: (ctx, id) => ({
      accountId: id,
      claims: () => ({ sub: id, preferred_username: id, name: id, email: `${id}@council.example` }),
    }),
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile email');
      grant.addOIDCClaims(['preferred_username', 'name', 'email']);
      await grant.save();
      return grant;
    },
  });
  p.on('server_error', (ctx, error) => process.stderr.write(`oidc-provider: ${error}\n`));
  p.use(async (ctx, next) => {
    await next();
    const location = ctx.response.get('location');
    if (tamper?.callback_iss && location && location.includes('/panel/sign-in/callback')) {
      // The authorization response names another issuer (an RFC 9207 mix-up).
      const url = new URL(location);
      url.searchParams.set('iss', tamper.callback_iss);
      ctx.redirect(url.href);
      tamper = null;
      return;
    }
    if (ctx.path === '/token' && tamper && ctx.body && ctx.body.id_token) {
      const change = tamper;
      tamper = null;
      const claims = decodeJwt(ctx.body.id_token);
      const now = Math.floor(Date.now() / 1000);
      for (const [name, value] of Object.entries(change.claims ?? {})) {
        if (value === null) delete claims[name];
        else if (name === 'exp' || name === 'iat') claims[name] = now + value;
        else claims[name] = value;
      }
      const header = decodeProtectedHeader(ctx.body.id_token);
      const jwk = change.key === 'foreign' ? foreign : published;
      ctx.body = { ...ctx.body, id_token: await new SignJWT(claims)
        .setProtectedHeader({ alg: header.alg, kid: header.kid })
        .sign(await importJWK(jwk, 'RS256')) };
    }
  });
  return p;
}

provider = build(null);

async function body(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text ? JSON.parse(text) : {};
}

server.on('request', async (req, res) => {
  try {
    if (req.method === 'POST' && req.url === '/_test/client') {
      const { redirect_uris: redirects, post_logout_redirect_uris: logouts } = await body(req);
      provider = build({
        client_id: 'iro-panel',
        token_endpoint_auth_method: 'none',
        redirect_uris: redirects,
        post_logout_redirect_uris: logouts ?? [],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      });
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'POST' && req.url === '/_test/tamper') {
      tamper = await body(req);
      res.writeHead(204).end();
      return;
    }
    provider.callback()(req, res);
  } catch (error) {
    res.writeHead(500).end(String(error));
  }
});

process.stdout.write(`${JSON.stringify({ issuer })}\n`);
// Never outlives the test that started it.
const parent = process.ppid;
setInterval(() => { if (process.ppid !== parent) process.exit(0); }, 1000).unref();
process.on('SIGTERM', () => process.exit(0));

// A real OpenID Connect provider for the tests of OpenID Connect sign-in: `oidc-provider`
// (OpenID Certified), on loopback, with its development log-in form ("devInteractions").
//
// Usage: node provider.mjs [port]   (port 0 or none: any free port)
// Prints one line of JSON once listening: {"issuer":"http://127.0.0.1:<port>"}.
//
// Clients (redirect URIs on 127.0.0.1 with any port, as RFC 8252 allows native clients):
// - tta-private-key-jwt: private_key_jwt (RS256, the public half of test-client-key.pem), PKCE.
// - tta-secret: client_secret_basic with the secret "tta-test-secret", PKCE.
// - tta-expiring: as tta-private-key-jwt, but its ID tokens live 1 second and its token
//   answers are held back 2.5 seconds, so the ID token has expired when the client reads it.
//
// Accounts: whatever is typed as the login is the account. "someone@example.gov" has that
// verified e-mail address; "unverified:someone@example.gov" has it unverified. `sub` is the
// login as typed (oidc-provider's account id). The password is not checked. Consent is given automatically.

import { createPublicKey } from 'node:crypto';
import { readFileSync as readFile } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Provider from 'oidc-provider';

const here = dirname(fileURLToPath(import.meta.url));
const port = Number(process.argv[2] ?? process.env.OIDC_PROVIDER_PORT ?? 0);
const clientKey = createPublicKey(readFile(join(here, 'test-client-key.pem'), 'utf8'));
const clientJwk = { ...clientKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256' };
const redirectUris = ['http://127.0.0.1/auth/oidc/test/callback',
  'http://127.0.0.1/auth/oidc/expiring/callback', 'http://127.0.0.1/auth/oidc/secret/callback'];

const common = {
  application_type: 'native',
  redirect_uris: redirectUris,
  response_types: ['code'],
  grant_types: ['authorization_code'],
};

const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

function accountOf(login) {
  const unverified = login.startsWith('unverified:');
  const email = unverified ? login.slice('unverified:'.length) : login;
  const local = email.split('@')[0] ?? email;
  const name = local.split(/[._-]/).filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1)).join(' ');
  return {
    accountId: login,
    async claims() {
      return { sub: login, email, email_verified: !unverified, name };
    },
  };
}

const configuration = {
  clients: [
    {
      ...common,
      client_id: 'tta-private-key-jwt',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      jwks: { keys: [clientJwk] },
    },
    {
      ...common,
      client_id: 'tta-expiring',
      token_endpoint_auth_method: 'private_key_jwt',
      token_endpoint_auth_signing_alg: 'RS256',
      jwks: { keys: [clientJwk] },
    },
    {
      ...common,
      client_id: 'tta-secret',
      client_secret: 'tta-test-secret',
      token_endpoint_auth_method: 'client_secret_basic',
    },
  ],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  scopes: ['openid', 'email', 'profile'],
  acrValues: ['urn:acr.login.gov:auth-only', 'http://idmanagement.gov/ns/assurance/ial/1'],
  cookies: { keys: ['tta-test-provider-cookie-key'] },
  features: { devInteractions: { enabled: true } },
  ttl: {
    IdToken: (_ctx, _token, client) => (client?.clientId === 'tta-expiring' ? 1 : 3600),
  },
  async findAccount(_ctx, id) {
    return accountOf(id);
  },
  // First-party clients: the person is not asked to consent.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId
      || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) {
      return ctx.oidc.provider.Grant.find(grantId);
    }
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope('openid email profile');
    await grant.save();
    return grant;
  },
};

// Listen first, so that the issuer can name the port actually taken.
const server = createServer();
await new Promise((resolve) => { server.listen(port, '127.0.0.1', resolve); });
const issuer = `http://127.0.0.1:${server.address().port}`;
const provider = new Provider(issuer, configuration);

// tta-expiring: hold its token answer back until its one-second ID token has expired.
provider.use(async (ctx, next) => {
  await next();
  if (ctx.path === '/token' && ctx.oidc?.client?.clientId === 'tta-expiring') {
    await sleep(2500);
  }
});

server.on('request', provider.callback());
process.stdout.write(`${JSON.stringify({ issuer })}\n`);
process.on('SIGTERM', () => { server.close(); process.exit(0); });

/**
 * Sign-in through a bureau's OpenID Connect provider, end to end: a real provider (oidc-provider,
 * in this process) with its own login and consent pages; the web front's authorization-code flow
 * with PKCE in Chromium; the API verifying the ID token against the provider's JWKS; roles and unit
 * from the token's claims or from the user records the admin binds; expiry; key rotation.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localHttpJwksCache, oidcVerifier, type TokenVerifier } from '../../shared/auth/verifier';
import { bindSignInId } from '../../shared/db/sign-in-id-repo';
import { checkA11y, type E2e, startE2e } from './harness';
import { createTestIdp, ROLES_CLAIM, STAFF_NUMBER_CLAIM, type TestIdp, UNIT_CLAIM } from './oidc-provider';

/** The provider's accounts: login name = subject. */
const ACCOUNTS = {
  // Roles and unit carried by the IdP.
  wangfang: {
    name: '王芳',
    [ROLES_CLAIM]: ['reporter'],
    [UNIT_CLAIM]: 'luoyang-thc',
    [STAFF_NUMBER_CLAIM]: 'GH-0042',
  },
  // An IdP that carries no roles: matched to Kaoping's user records by staff number.
  zhaolei: { name: '赵磊', [STAFF_NUMBER_CLAIM]: '31007' },
  newcomer: { name: '钱多多', [STAFF_NUMBER_CLAIM]: '99999' },
  'it-admin': { name: '王建华', [STAFF_NUMBER_CLAIM]: 'A-0001' },
};

let idp: TestIdp;
let e2e: E2e;
/** The API's verifier of the moment; a test switches between claims and user records. */
let current: TokenVerifier;
const claimsVerifier = () => oidcVerifier(idp.settings, { jwksCache: localHttpJwksCache() });

beforeAll(async () => {
  idp = await createTestIdp(ACCOUNTS);
  current = claimsVerifier();
  e2e = await startE2e({
    provider: { signIn: idp.signIn, verifier: { verify: (token) => current.verify(token) } },
  });
  await idp.listen(e2e.url);
}, 120_000);
afterAll(async () => {
  await e2e?.stop();
  await idp?.stop();
});

/** The authorization requests the page sent to the provider. */
const authorizeRequests = (page: Page): URL[] => {
  const seen: URL[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.origin === idp.issuer && url.pathname === '/auth') seen.push(url);
  });
  return seen;
};

/** Clicks 使用统一身份认证登录, signs in on the provider's own pages and waits to be back in the app. */
const signInAtProvider = async (page: Page, login: string) => {
  await page.goto('/');
  await page.getByRole('button', { name: '使用统一身份认证登录' }).click();
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill('any password');
  await page.locator('button[type=submit]').click();
  await page.getByRole('button', { name: 'Continue' }).click(); // the provider's consent page
  await page.waitForURL((url) => url.origin === e2e.url);
};

const token = (page: Page) => page.evaluate(() => localStorage.getItem('kaoping.idToken'));

const me = (idToken: string | null) =>
  fetch(`${e2e.url}/api/me`, { headers: { authorization: `Bearer ${idToken}` } });

describe.sequential('sign-in at an OpenID Connect provider', () => {
  let firstToken: string | null = null;

  it('signs a reporter in with authorization code + PKCE, roles and unit from the token', async () => {
    // Prepare
    const page = await e2e.newPage();
    const authorizations = authorizeRequests(page);
    await page.goto('/');
    await page.getByRole('button', { name: '使用统一身份认证登录' }).waitFor();
    await checkA11y(page);

    // Act
    await signInAtProvider(page, 'wangfang');

    // Assess
    await expect.poll(() => page.locator('.account-name').textContent(), { timeout: 30_000 }).toBe('王芳');
    const greeting = await page.locator('.page-lead').textContent();
    expect(greeting).toContain('单位填报员');
    expect(greeting).toContain('洛阳镇卫生院');
    // One-time code and state never stay in the address bar.
    expect(new URL(page.url()).search).toBe('');
    const [authorize] = authorizations;
    expect(authorize?.searchParams.get('response_type')).toBe('code');
    expect(authorize?.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize?.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize?.searchParams.get('state')).toBeTruthy();
    expect(authorize?.searchParams.get('nonce')).toBeTruthy();
    firstToken = await token(page);
    expect(await (await me(firstToken)).json()).toMatchObject({
      userId: 'wangfang',
      roles: ['reporter'],
      unitId: 'luoyang-thc',
    });
    // As in AWS, the dev sign-in does not exist next to a provider.
    expect((await fetch(`${e2e.url}/api/dev/users`)).status).toBe(404);
    await page.context().close();
  }, 90_000);

  it('sends the user back to sign-in once the ID token has expired', async () => {
    // Prepare
    idp.setIdTokenSeconds(15); // long enough for a loaded machine to reach the home page first
    const signedIn = await e2e.newPage();
    await signInAtProvider(signedIn, 'wangfang');
    await signedIn.locator('.account-name').waitFor({ timeout: 30_000 });
    const idToken = await token(signedIn);
    const { exp } = JSON.parse(Buffer.from(idToken!.split('.')[1]!, 'base64url').toString()) as {
      exp: number;
    };
    // The tab is closed: a request its home page still made after the expiry would sign that tab
    // out and clear the token, and the next load would have no reason to give (sign-in.test.ts).
    const browser = signedIn.context();
    await signedIn.close();

    // Act: the next day, as it were
    await new Promise((done) => setTimeout(done, Math.max(0, exp * 1000 - Date.now() + 1_500)));
    const page = await browser.newPage();
    await page.goto('/');

    // Assess
    await page.getByRole('heading', { level: 1, name: '登录考评系统' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('status').first().textContent()).toBe('登录已失效，请重新登录');
    expect(await token(page)).toBeNull();
    expect((await me(idToken)).status).toBe(401);
    idp.setIdTokenSeconds(3600);
    await browser.close();
  }, 90_000);

  it('picks up a rotated signing key and refuses a token signed by a key the provider never published', async () => {
    // Prepare
    await idp.rotateKey();
    const page = await e2e.newPage();

    // Act
    await signInAtProvider(page, 'wangfang');

    // Assess
    await expect.poll(() => page.locator('.account-name').textContent(), { timeout: 30_000 }).toBe('王芳');
    const rotated = await token(page);
    expect(rotated?.split('.')[0]).not.toBe(firstToken?.split('.')[0]); // another kid
    expect((await me(rotated)).status).toBe(200);
    // The retired key is no longer published, so its tokens stop working.
    expect((await me(firstToken)).status).toBe(401);
    expect((await me(await idp.forgeToken('wangfang'))).status).toBe(401);
    await page.context().close();
  }, 90_000);

  it('takes roles and unit from the user record the admin bound to the staff number, and refuses an unbound one', async () => {
    // Prepare: this IdP carries no roles. The first admin was bound when the deployment was set up
    // (scripts/bind-sign-in-id.ts); the admin binds 局长 李国强 to staff number 31007 on 登录账号.
    current = oidcVerifier(
      { ...idp.settings, rolesFrom: 'users', userClaim: STAFF_NUMBER_CLAIM },
      { jwksCache: localHttpJwksCache() },
    );
    await bindSignInId(e2e.stack.db, 'admin', 'A-0001');
    const admin = await e2e.newPage();
    await signInAtProvider(admin, 'it-admin');
    await admin.getByRole('link', { name: '单位管理' }).click();
    await admin.getByRole('link', { name: '登录账号' }).click();
    await admin.getByLabel('李国强的统一身份认证账号').fill('31007');
    await admin.getByRole('button', { name: /保存\s*李国强的账号/ }).click();
    await admin.getByText('已为李国强绑定账号 31007').waitFor();
    await checkA11y(admin);
    await admin.getByLabel('李国强的统一身份认证账号').waitFor();
    const bound = await e2e.newPage();
    const unbound = await e2e.newPage();

    // Act
    await signInAtProvider(bound, 'zhaolei');
    await signInAtProvider(unbound, 'newcomer');

    // Assess
    await expect.poll(() => bound.locator('.account-name').textContent(), { timeout: 30_000 }).toBe('李国强');
    expect(await bound.locator('.page-lead').textContent()).toContain('局领导');
    expect(await (await me(await token(bound))).json()).toMatchObject({
      userId: 'leader',
      roles: ['leader'],
    });
    await unbound.getByRole('heading', { level: 1, name: '登录考评系统' }).waitFor({ timeout: 30_000 });
    expect(await unbound.getByRole('status').first().textContent()).toBe(
      '您的统一身份认证账号尚未在考评系统登记，请联系考核办',
    );
    for (const page of [admin, bound, unbound]) await page.context().close();
  }, 150_000);
});

/**
 * Daily work, second part: one sign-in serves every tab of the browser until sign-out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2e, signInAs, startE2e } from './harness';

let e2e: E2e;
beforeAll(async () => {
  e2e = await startE2e();
}, 240_000);
afterAll(async () => {
  await e2e?.stop();
});

describe('one sign-in for the whole browser', () => {
  it('serves a second tab without signing in again, and signing out in one tab signs out both', async () => {
    // Prepare: signed in in a first tab
    const first = await e2e.newPage();
    await signInAs(first, 'leader', '/results');

    // Act: the same browser opens a second tab
    const second = await first.context().newPage();
    await second.goto('/progress');
    await second.getByRole('button', { name: '退出登录' }).waitFor();
    await second.getByRole('button', { name: '退出登录' }).click();

    // Assess: both tabs are back at sign-in
    await second.getByRole('heading', { level: 1, name: '登录考评系统' }).waitFor();
    await first.getByRole('heading', { level: 1, name: '登录考评系统' }).waitFor();
    expect(await first.evaluate(() => localStorage.getItem('kaoping.idToken'))).toBeNull();
    await first.context().close();
  });
});

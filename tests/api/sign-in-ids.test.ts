/**
 * 统一身份认证账号: where the bureau's IdP carries no roles, the admin binds each user's IdP subject or
 * staff number, and a token acts as the user record bound to it. Tokens here carry only a staff
 * number (`GH-<user id>`, bound by the harness when it issues one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNREGISTERED_MESSAGE } from '../../shared/auth/principal';
import { getUser } from '../../shared/db/org-repo';
import { createTestApi, type TestApi } from './harness';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ tokens: 'oidc-user-records' });
});
afterAll(() => api.close());

const bind = (userId: string, signInId: string | null, as = 'admin') =>
  api.call('PUT', `/api/users/${userId}/sign-in-id`, { as, body: { signInId } });

describe('binding a user to a 统一身份认证账号', () => {
  it('acts as the bound record: its id, name, roles and unit, not the IdP subject', async () => {
    const me = await api.call('GET', '/api/me', { as: 'luoyang-thc-reporter' });

    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      userId: 'luoyang-thc-reporter',
      roles: ['reporter'],
      unitId: 'luoyang-thc',
    });
  });

  it('binds, rebinds and frees an id, the admin reading it in the user list', async () => {
    // Act
    const first = await bind('leader', '31007');
    const moved = await bind('leader', '31008');
    const reused = await bind('admin2', '31007');

    // Assess
    expect([first.status, moved.status, reused.status]).toEqual([200, 200, 200]);
    const users = (await api.call('GET', '/api/users', { as: 'admin' })).body as {
      id: string;
      signInId?: string;
    }[];
    expect(users.find((u) => u.id === 'leader')?.signInId).toBe('31008');
    expect(users.find((u) => u.id === 'admin2')?.signInId).toBe('31007');
  });

  it('refuses an id another user holds (409 naming the holder) and writes nothing', async () => {
    await api.token('admin'); // binds GH-admin

    const taken = await bind('leader2', 'GH-admin');

    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toContain('已绑定给用户 admin');
    expect((await getUser(api.db, 'leader2'))?.signInId).toBeUndefined();
  });

  it('refuses a malformed id naming the field, and an unknown user', async () => {
    const blank = await bind('leader2', 'a b');
    const unknown = await bind('nobody', '1234');

    expect(blank.status).toBe(400);
    expect(blank.body.error.message).toContain('统一身份认证账号');
    expect(unknown.status).toBe(404);
  });

  it('refuses a token whose staff number is no longer bound (403 saying whom to ask)', async () => {
    // Prepare
    expect((await api.call('GET', '/api/me', { as: 'rater-jiceng' })).status).toBe(200);

    // Act
    const unbound = await bind('rater-jiceng', null);
    const after = await api.call('GET', '/api/me', { as: 'rater-jiceng' });

    // Assess
    expect(unbound.status).toBe(200);
    expect(after.status).toBe(403);
    expect(after.body.error.message).toBe(UNREGISTERED_MESSAGE);
  });
});

/** The web front's reading of /config.json: which provider it signs in at, if any. */
import { describe, expect, it } from 'vitest';
import { readSignInConfig } from '../../../shared/auth/sign-in-config';

describe('readSignInConfig', () => {
  it('reads a provider, defaulting the scopes and the redirect path', () => {
    expect(
      readSignInConfig({ signIn: { issuer: 'https://idp.example.gov.cn', clientId: 'kaoping-web' } }),
    ).toEqual({
      issuer: 'https://idp.example.gov.cn',
      clientId: 'kaoping-web',
      scopes: 'openid profile email',
      redirectPath: '/auth/callback',
    });
  });

  it('always asks for openid, and keeps given endpoints only as a pair', () => {
    const config = readSignInConfig({
      signIn: { issuer: 'https://i', clientId: 'c', scopes: 'profile', authorizationEndpoint: 'https://i/a' },
    });
    expect(config?.scopes).toBe('openid profile');
    expect(config).not.toHaveProperty('authorizationEndpoint');
  });

  it('finds no provider in a local config, a broken one or a page that is not JSON', () => {
    expect(readSignInConfig({ apiBaseUrl: '/api' })).toBeUndefined();
    expect(readSignInConfig({ signIn: { issuer: 'https://i' } })).toBeUndefined();
    expect(readSignInConfig(null)).toBeUndefined();
  });
});

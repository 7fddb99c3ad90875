/**
 * Verified tokens remembered per warm container: a token is verified once, but never trusted past
 * its expiry or the cache's age limit, a refused token is refused every time, and a token changed
 * in any byte is verified afresh.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import type { IdTokenClaims } from '../../../shared/auth/roles';
import { cacheVerifiedTokens } from '../../../shared/auth/token-cache';
import {
  LOCAL_AUDIENCE,
  LOCAL_ISSUER,
  localVerifier,
  type TokenVerifier,
} from '../../../shared/auth/verifier';

/** An unsigned token of the given expiry (the fake verifier below does not check signatures). */
const tokenExpiring = (expSeconds: number | undefined, sub = 'u-1') =>
  [
    Buffer.from('{"alg":"none"}').toString('base64url'),
    Buffer.from(JSON.stringify({ sub, ...(expSeconds === undefined ? {} : { exp: expSeconds }) })).toString(
      'base64url',
    ),
    'sig',
  ].join('.');

/** A verifier that counts its calls, accepts tokens until their `exp` by `clock` and refuses 'bad'. */
const countingVerifier = (clock: () => number) => {
  const calls: string[] = [];
  const verifier: TokenVerifier = {
    verify: async (token) => {
      calls.push(token);
      if (token.endsWith('.bad')) throw new Error('invalid signature');
      const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as {
        sub: string;
        exp?: number;
      };
      if (payload.exp !== undefined && payload.exp * 1000 <= clock()) throw new Error('expired');
      return { sub: payload.sub, 'cognito:groups': ['reporter'] } as IdTokenClaims;
    },
  };
  return { verifier, calls };
};

describe('remembering verified tokens', () => {
  it('verifies a token once and answers its next requests from memory', async () => {
    // Prepare
    let now = Date.parse('2026-07-08T08:00:00Z');
    const { verifier, calls } = countingVerifier(() => now);
    const cached = cacheVerifiedTokens(verifier, { clock: () => now });
    const token = tokenExpiring(now / 1000 + 3600);

    // Act
    const first = await cached.verify(token);
    now += 1_000;
    const second = await cached.verify(token);

    // Assess
    expect(second).toEqual(first);
    expect(calls).toHaveLength(1);
  });

  it('refuses a remembered token once it has expired', async () => {
    let now = Date.parse('2026-07-08T08:00:00Z');
    const { verifier, calls } = countingVerifier(() => now);
    const cached = cacheVerifiedTokens(verifier, { clock: () => now });
    const token = tokenExpiring(now / 1000 + 60);
    await cached.verify(token);

    now += 60_000;

    await expect(cached.verify(token)).rejects.toThrow('expired');
    expect(calls).toHaveLength(2);
  });

  it('verifies a long-lived token again after the age limit', async () => {
    let now = Date.parse('2026-07-08T08:00:00Z');
    const { verifier, calls } = countingVerifier(() => now);
    const cached = cacheVerifiedTokens(verifier, { clock: () => now, maxAgeMs: 300_000 });
    const token = tokenExpiring(now / 1000 + 12 * 3600);
    await cached.verify(token);

    now += 299_000;
    await cached.verify(token);
    now += 1_000;
    await cached.verify(token);

    expect(calls).toHaveLength(2);
  });

  it('never remembers a refused token, nor one without an expiry', async () => {
    const now = Date.parse('2026-07-08T08:00:00Z');
    const { verifier, calls } = countingVerifier(() => now);
    const cached = cacheVerifiedTokens(verifier, { clock: () => now });
    const bad = `${tokenExpiring(now / 1000 + 3600).slice(0, -4)}.bad`;
    const noExpiry = tokenExpiring(undefined);

    await expect(cached.verify(bad)).rejects.toThrow('invalid signature');
    await expect(cached.verify(bad)).rejects.toThrow('invalid signature');
    await cached.verify(noExpiry);
    await cached.verify(noExpiry);

    expect(calls).toEqual([bad, bad, noExpiry, noExpiry]);
  });

  it('forgets the oldest token when full', async () => {
    const now = Date.parse('2026-07-08T08:00:00Z');
    const { verifier, calls } = countingVerifier(() => now);
    const cached = cacheVerifiedTokens(verifier, { clock: () => now, maxEntries: 2 });
    const [a, b, c] = ['a', 'b', 'c'].map((sub) => tokenExpiring(now / 1000 + 3600, sub)) as [
      string,
      string,
      string,
    ];

    for (const token of [a, b, c, b, c, a]) await cached.verify(token);

    expect(calls).toEqual([a, b, c, a]);
  });

  it('verifies a remembered token again once its key is no longer trusted (a retired provider key)', async () => {
    const now = Date.parse('2026-07-08T08:00:00Z');
    const { verifier, calls } = countingVerifier(() => now);
    let published = true;
    const cached = cacheVerifiedTokens(verifier, { clock: () => now, stillTrusted: () => published });
    const token = tokenExpiring(now / 1000 + 3600);
    await cached.verify(token);
    await cached.verify(token);

    published = false;
    await cached.verify(token);

    expect(calls).toHaveLength(2);
  });

  it('shares frozen claims, so no request can change what the next one reads', async () => {
    const now = Date.parse('2026-07-08T08:00:00Z');
    const cached = cacheVerifiedTokens(countingVerifier(() => now).verifier, { clock: () => now });
    const claims = await cached.verify(tokenExpiring(now / 1000 + 3600));
    expect(Object.isFrozen(claims)).toBe(true);
    expect(Object.isFrozen(claims['cognito:groups'])).toBe(true);
  });
});

describe('the local verifier with its cache', () => {
  it('refuses a copy of a verified token with another signature', async () => {
    // Prepare: a real RS256 token, verified once
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'local-dev', alg: 'RS256', use: 'sig' };
    const verifier = localVerifier({ keys: [jwk] } as never);
    const token = await new SignJWT({ 'cognito:groups': ['admin'], token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: 'local-dev' })
      .setSubject('admin')
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    await expect(verifier.verify(token)).resolves.toMatchObject({ sub: 'admin' });

    // Act: the same header and claims, the signature's last characters changed
    const forged = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;

    // Assess
    await expect(verifier.verify(forged)).rejects.toThrow();
  });
});

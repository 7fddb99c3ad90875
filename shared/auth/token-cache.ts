/**
 * Verified tokens remembered per warm container, so a user's next requests skip the RS256 check
 * (≈ 0.05–0.2 ms each, a sixth of a keyed read's time past its GetItem; issue 15).
 *
 * Safe because verification of an ID token is a pure function of the token's bytes, the provider's
 * keys and the clock: the cache is keyed by the whole token string (a token changed in any byte is
 * verified afresh), an entry lapses at the token's `exp` (as the library would refuse it then), and
 * at most `maxAgeMs` after it was verified, which bounds how long a key the provider withdrew keeps
 * its tokens accepted. Nothing else can revoke an ID token: aws-jwt-verify checks no revocation
 * list either. What a token says is only claims; roles read from user records
 * (`OIDC_ROLES_FROM=users`) are still read per request, so a role change is seen at once.
 * A refused token is never remembered.
 */
import type { IdTokenClaims } from './roles';
import type { TokenVerifier } from './verifier';

export interface TokenCacheOptions {
  /** Tokens remembered at most; the oldest is forgotten first (default 1,000). */
  maxEntries?: number;
  /** Longest an entry is trusted after its verification, however late the token expires (default 5 min). */
  maxAgeMs?: number;
  /** Milliseconds since the epoch: the wall clock the verifier itself checks `exp` against. */
  clock?: () => number;
  /**
   * Asked on every hit: false drops the entry and verifies afresh. The OIDC verifier answers whether
   * the token's key is still in the provider's JWKS as last fetched, so a key the provider retired
   * stops its tokens as soon as the library has seen the new JWKS, as without this cache.
   */
  stillTrusted?: (token: string) => boolean;
}

/** The `exp` claim (seconds) of a token that has just been verified, if it carries one. */
const expiryOf = (token: string): number | undefined => {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload?.exp === 'number' ? payload.exp : undefined;
  } catch {
    return undefined;
  }
};

/** Freezes what every later request of the container shares (the claims and their role list). */
const frozen = (claims: IdTokenClaims): IdTokenClaims => {
  for (const value of Object.values(claims)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(claims);
};

/** Wraps a verifier so a token verified once is trusted until it expires (or `maxAgeMs` passes). */
export const cacheVerifiedTokens = (
  verifier: TokenVerifier,
  { maxEntries = 1_000, maxAgeMs = 5 * 60_000, clock = Date.now, stillTrusted }: TokenCacheOptions = {},
): TokenVerifier => {
  const verified = new Map<string, { claims: IdTokenClaims; until: number }>();
  return {
    verify: async (token) => {
      const now = clock();
      const hit = verified.get(token);
      if (hit && now < hit.until && (!stillTrusted || stillTrusted(token))) return hit.claims;
      if (hit) verified.delete(token);
      const claims = frozen(await verifier.verify(token));
      const exp = expiryOf(token);
      if (exp !== undefined) {
        if (verified.size >= maxEntries) verified.delete(verified.keys().next().value as string);
        verified.set(token, { claims, until: Math.min(exp * 1000, now + maxAgeMs) });
      }
      return claims;
    },
  };
};

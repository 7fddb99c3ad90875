/**
 * The web front's runtime configuration (`/config.json`): written by CDK next to the static site
 * (infra/stacks/app-stack.ts), served by the local server (scripts/lib/web-front.ts), read by the
 * web front on load (web/src/oidc.ts). Plain TypeScript without dependencies: the browser bundles it.
 */

/** How the web front signs in: the authorization-code flow with PKCE (RFC 7636) at this provider. */
export interface SignInConfig {
  /** The provider's `iss` (Cognito: `https://cognito-idp.<region>.amazonaws.com/<pool id>`). */
  readonly issuer: string;
  /** The public client registered for the web front (no secret); the ID token's `aud`. */
  readonly clientId: string;
  /** Space-separated scopes asked for; `openid` is always among them. */
  readonly scopes: string;
  /** The path on the site the provider sends the browser back to (a registered redirect URI). */
  readonly redirectPath: string;
  /** When given, used instead of the issuer's discovery document (Cognito's managed login domain). */
  readonly authorizationEndpoint?: string;
  readonly tokenEndpoint?: string;
}

export interface SiteConfig {
  readonly apiBaseUrl: string;
  /** Absent locally, where the dev sign-in picker is used instead. */
  readonly signIn?: SignInConfig;
  /** China: the ICP filing number the site footer shows. */
  readonly icpNumber?: string;
}

export const DEFAULT_SCOPES = 'openid profile email';
export const CALLBACK_PATH = '/auth/callback';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;

/** The sign-in part of a fetched `config.json`, or undefined when it has none (or a broken one). */
export const readSignInConfig = (json: unknown): SignInConfig | undefined => {
  const signIn = (json as { signIn?: Record<string, unknown> } | null)?.signIn;
  const issuer = text(signIn?.issuer);
  const clientId = text(signIn?.clientId);
  if (!signIn || !issuer || !clientId) return undefined;
  const scopes = text(signIn.scopes) ?? DEFAULT_SCOPES;
  const authorizationEndpoint = text(signIn.authorizationEndpoint);
  const tokenEndpoint = text(signIn.tokenEndpoint);
  return {
    issuer,
    clientId,
    scopes: scopes.split(/\s+/).includes('openid') ? scopes : `openid ${scopes}`,
    redirectPath: text(signIn.redirectPath) ?? CALLBACK_PATH,
    ...(authorizationEndpoint && tokenEndpoint ? { authorizationEndpoint, tokenEndpoint } : {}),
  };
};

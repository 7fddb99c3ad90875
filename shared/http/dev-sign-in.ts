/**
 * Local-only sign-in: lists the seeded users and issues RS256 ID tokens of the same shape Cognito
 * issues. Only scripts/start.ts (and tests) import this file; the Lambda entry never does, so the
 * deployed bundle cannot contain it and answers 404 on these paths.
 */
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Jwks } from 'aws-jwt-verify/jwk';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { ROLE_LABELS } from '../auth/roles';
import { LOCAL_AUDIENCE, LOCAL_ISSUER } from '../auth/verifier';
import { getUser, listUnits, listUsers } from '../db/org-repo';
import { NotFoundError } from '../errors';
import { DevUserSchema, type User } from '../schemas/org';
import type { AppEnv } from './env';
import { publicRoute } from './route';

export interface DevSigner {
  jwks: Jwks;
  issue: (user: User) => Promise<string>;
}

/** A fresh key pair per process: tokens do not survive a restart, as a dev sign-in should not. */
export const createDevSigner = async (): Promise<DevSigner> => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'local-dev', alg: 'RS256', use: 'sig' };
  return {
    jwks: { keys: [jwk] } as unknown as Jwks,
    issue: (user) =>
      new SignJWT({
        name: user.name,
        'cognito:username': user.id,
        'cognito:groups': user.roles,
        ...(user.unitId ? { 'custom:unitId': user.unitId } : {}),
        token_use: 'id',
      })
        .setProtectedHeader({ alg: 'RS256', kid: 'local-dev' })
        .setSubject(user.id)
        .setIssuer(LOCAL_ISSUER)
        .setAudience(LOCAL_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime('12h')
        .sign(privateKey),
  };
};

const listDevUsers = publicRoute({
  method: 'get',
  path: '/dev/users',
  summary: '（仅本地）演示账号列表',
  responses: {
    200: { description: '账号', content: { 'application/json': { schema: z.array(DevUserSchema) } } },
  },
});
const signIn = publicRoute({
  method: 'post',
  path: '/dev/sign-in',
  summary: '（仅本地）以演示账号登录',
  request: {
    body: {
      required: true,
      content: { 'application/json': { schema: z.strictObject({ userId: z.string().min(1).max(48) }) } },
    },
  },
  responses: {
    200: {
      description: '令牌',
      content: { 'application/json': { schema: z.object({ idToken: z.string() }) } },
    },
  },
});

export const devSignInRoutes = (signer: DevSigner) =>
  new OpenAPIHono<AppEnv>()
    .openapi(listDevUsers, async (c) => {
      const { db } = c.get('deps');
      const [users, units] = await Promise.all([listUsers(db), listUnits(db)]);
      const unitNames = new Map(units.map((u) => [u.id, u.name]));
      return c.json(
        users.map((u) => ({
          id: u.id,
          name: u.name,
          title: u.title,
          roles: u.roles,
          roleLabels: u.roles.map((r) => ROLE_LABELS[r]),
          unitId: u.unitId,
          unitName: u.unitId ? (unitNames.get(u.unitId) ?? null) : null,
        })),
        200,
      );
    })
    .openapi(signIn, async (c) => {
      const user = await getUser(c.get('deps').db, c.req.valid('json').userId);
      if (!user) throw new NotFoundError('用户');
      return c.json({ idToken: await signer.issue(user) }, 200);
    });

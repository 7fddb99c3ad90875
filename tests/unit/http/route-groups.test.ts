/**
 * The API's routes load in groups, on the first request for one of a group's resources
 * (shared/http/route-groups.ts): every route must be reachable through its group's resources,
 * and a request loads only the group it needs.
 */
import { hc } from 'hono/client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { type ApiRoutes, createApp } from '../../../shared/http/app';
import type { AppDeps } from '../../../shared/http/env';
import { createLogger } from '../../../shared/http/logger';
import { groupFor, ROUTE_GROUPS, resourceOf } from '../../../shared/http/route-groups';

/** What a request refused before any store call needs (no token: 401). */
const depsWithoutStore = (): AppDeps =>
  ({
    logger: createLogger('ERROR'),
    now: () => new Date(),
    verifier: { verify: () => Promise.reject(new Error('no token expected')) },
  }) as unknown as AppDeps;

describe('route groups', () => {
  it('name the resource of a path after its year, unit and period scopes', () => {
    expect(resourceOf('/api/years')).toBe('years');
    expect(resourceOf('/api/years/2026')).toBe('years');
    expect(resourceOf('/api/years/2026/settings')).toBe('settings');
    expect(resourceOf('/api/units/u1')).toBe('units');
    expect(resourceOf('/api/years/2026/units/u1/results')).toBe('results');
    expect(resourceOf('/api/years/2026/periods/Q1/scoring-queue')).toBe('scoring-queue');
    expect(resourceOf('/api/years/2026/units/u1/periods/Q1/items/A1/files')).toBe('items');
    expect(resourceOf('/rankings/2026/index.html')).toBe('');
  });

  it('give each resource to one group', () => {
    const resources = ROUTE_GROUPS.flatMap((group) => group.resources);
    expect(new Set(resources).size).toBe(resources.length);
  });

  it('load every route through a resource of its own group', async () => {
    for (const group of ROUTE_GROUPS) {
      for (const routes of await group.load()) {
        for (const route of routes.routes) {
          expect(groupFor(`/api${route.path}`), `${route.method} ${route.path}`).toBe(group);
        }
      }
    }
  });

  it('mount only the group a request needs: a unit read loads the org routes', async () => {
    // Prepare
    const app = createApp(depsWithoutStore());
    const mountedPaths = () => new Set(app.routes.map((route) => route.path));

    // Act
    const res = await app.request('/api/units/u1');

    // Assess
    expect(res.status).toBe(401);
    expect(mountedPaths()).toContain('/api/units/:unitId');
    expect([...mountedPaths()].filter((path) => path.includes('/years'))).toEqual([]);
  });

  it('type the client with every group', () => {
    const client = hc<ApiRoutes>('http://localhost');
    expectTypeOf(client.api.units[':unitId'].$get).toBeFunction();
    expectTypeOf(client.api.years[':year'].agreements[':unitId'].$get).toBeFunction();
    expectTypeOf(client.api.jobs[':jobId'].$get).toBeFunction();
    // Both apps of a two-app group.
    expectTypeOf(client.api.years[':year'].agreements.remind.$post).toBeFunction();
    expectTypeOf(
      client.api.years[':year'].units[':unitId'].periods[':period'].items[':code'].files.$post,
    ).toBeFunction();
  });
});

import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from './harness';

describe('units and categories', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  const newUnit = {
    id: 'baiyang-thc',
    name: '白杨镇卫生院',
    categoryId: 'primary-care',
    head: '罗建军',
    contacts: [{ name: '罗建军', phone: '0531-8523099' }],
  };

  it('lists the seeded bureau: 25 units in 3 categories', async () => {
    const categories = await api.call('GET', '/api/categories', { as: 'leader' });
    const units = await api.call('GET', '/api/units', { as: 'luoyang-thc-reporter' });
    expect(categories.body.map((c: { name: string }) => c.name)).toEqual([
      '县级医疗机构',
      '公共卫生机构',
      '基层医疗卫生机构',
    ]);
    expect(units.body).toHaveLength(25);
  });

  it('lists one category through its index', async () => {
    const res = await api.call('GET', '/api/units?categoryId=public-health', { as: 'admin' });
    expect(res.status).toBe(200);
    expect(res.body.map((u: { name: string }) => u.name)).toContain('清河县疾病预防控制中心');
    expect(res.body).toHaveLength(5);
  });

  it('lets the admin add a unit, and refuses the same id twice with 409', async () => {
    const first = await api.call('POST', '/api/units', { as: 'admin', body: newUnit });
    const second = await api.call('POST', '/api/units', { as: 'admin', body: newUnit });
    expect(first.status).toBe(201);
    expect(first.body.version).toBe(1);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain('baiyang-thc');
  });

  it('refuses a unit of an unknown category, naming the field, and writes nothing', async () => {
    const res = await api.call('POST', '/api/units', {
      as: 'admin',
      body: { ...newUnit, id: 'ghost-thc', categoryId: 'no-such' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'body.categoryId', message: '类别 no-such 不存在' }]);
    expect((await api.call('GET', '/api/units/ghost-thc', { as: 'admin' })).status).toBe(404);
  });

  it('answers 400 naming each field for a malformed body, a wrong type and an unknown field', async () => {
    const malformed = await api.call('POST', '/api/units', { as: 'admin', rawBody: '{"id": ' });
    const wrongType = await api.call('POST', '/api/units', {
      as: 'admin',
      body: { ...newUnit, id: 'x-1', head: 42 },
    });
    const unknown = await api.call('POST', '/api/units', {
      as: 'admin',
      body: { ...newUnit, id: 'x-2', extra: 1 },
    });
    expect(malformed.status).toBe(400);
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.details[0].path).toBe('body.head');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].message).toContain('extra');
    const stored = await api.db.doc.send(
      new QueryCommand({
        TableName: api.db.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
        ExpressionAttributeValues: { ':pk': 'ORG', ':sk': 'UNIT#x-' },
      }),
    );
    expect(stored.Items).toEqual([]);
  });

  it('keeps concurrent edits apart: the stale one gets 409 with the current version', async () => {
    const { id, ...rest } = newUnit;
    await api.call('POST', '/api/units', { as: 'admin', body: { ...newUnit, id: 'lock-thc' } });
    const a = await api.call('PUT', '/api/units/lock-thc', {
      as: 'admin',
      body: { ...rest, head: '甲', version: 1 },
    });
    const b = await api.call('PUT', '/api/units/lock-thc', {
      as: 'admin2',
      body: { ...rest, head: '乙', version: 1 },
    });
    expect(id).toBe('baiyang-thc');
    expect(a.status).toBe(200);
    expect(b.status).toBe(409);
    expect(b.body.error).toMatchObject({ code: 'STALE_VERSION', currentVersion: 2 });
    expect((await api.call('GET', '/api/units/lock-thc', { as: 'admin' })).body.head).toBe('甲');
  });

  it('echoes a request id on every response', async () => {
    const res = await api.call('GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/.+/);
  });
});

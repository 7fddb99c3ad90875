/**
 * A keyed read through the whole API (HTTP on loopback → Hono → auth → GetItem → JSON) against
 * the bare GetItem it makes, both against the same DynamoDB Local, in one run.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from '../scripts/lib/dynamodb-local';
import { startLocalStack } from '../scripts/lib/local-stack';
import { unitKey } from '../shared/db/keys';
import { fmt, machine, percentile, timeMany } from './lib';

export async function run(): Promise<string> {
  const stack = await startLocalStack({ port: await freePort(), buildWeb: false, logLevel: 'CRITICAL' });
  try {
    const { idToken } = (await (
      await fetch(`${stack.url}/api/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'leader' }),
      })
    ).json()) as { idToken: string };
    const n = 1000;
    const api = await timeMany(n, async () => {
      const res = await fetch(`${stack.url}/api/units/luoyang-thc`, {
        headers: { authorization: `Bearer ${idToken}` },
      });
      if (res.status !== 200) throw new Error(`API answered ${res.status}`);
      await res.json();
    });
    const bare = await timeMany(n, () =>
      stack.db.doc.send(
        new GetCommand({ TableName: stack.db.tableName, Key: unitKey('luoyang-thc'), ConsistentRead: true }),
      ),
    );
    const rows = [
      ['', 'p50', 'p99'],
      ['API GET /api/units/{id}', fmt(percentile(api, 50)), fmt(percentile(api, 99))],
      ['bare GetItem', fmt(percentile(bare, 50)), fmt(percentile(bare, 99))],
      [
        'ratio API / GetItem',
        (percentile(api, 50) / percentile(bare, 50)).toFixed(2),
        (percentile(api, 99) / percentile(bare, 99)).toFixed(2),
      ],
    ];
    return [
      `## Keyed read: API vs bare GetItem (${n} sequential requests each, DynamoDB Local)`,
      `machine: ${machine()}`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());

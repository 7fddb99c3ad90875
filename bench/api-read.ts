/**
 * A keyed read, `GET /api/units/{id}` with a bearer token, against the bare GetItem it makes, both
 * against the same DynamoDB Local, interleaved in one loop (a request, then a bare read) so load on
 * the machine weighs on both alike.
 *
 * The row: the deployed entry, the Lambda handler invoked with the API Gateway HTTP API event (see
 * lambda-entry.ts) — in AWS the gateway invokes the function, there is no HTTP hop in between.
 * For information: the same read over loopback HTTP to the local server (`npm start`), which adds
 * Node's HTTP server and client on both ends of a socket, a hop the deployed API does not have.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from '../scripts/lib/dynamodb-local';
import { startLocalStack } from '../scripts/lib/local-stack';
import { createDb } from '../shared/db/client';
import { unitKey } from '../shared/db/keys';
import { getUser } from '../shared/db/org-repo';
import { httpApiEvent, lambdaEntry, statusOf } from './lambda-entry';
import { fmt, loadAverage, machine, percentile } from './lib';

const UNIT = 'luoyang-thc';

/** Runs `a` then `b`, `n` times after `warmup` rounds; returns both sorted times in milliseconds. */
const interleaved = async (n: number, a: () => Promise<unknown>, b: () => Promise<unknown>, warmup = 300) => {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    await a();
    ta.push(performance.now() - t);
    t = performance.now();
    await b();
    tb.push(performance.now() - t);
  }
  return [ta.sort((x, y) => x - y), tb.sort((x, y) => x - y)] as const;
};

const ratio = (a: number[], b: number[], p: number) => (percentile(a, p) / percentile(b, p)).toFixed(2);

export async function run(): Promise<string> {
  const stack = await startLocalStack({ port: await freePort(), buildWeb: false, logLevel: 'CRITICAL' });
  const endpoint = stack.ddb?.endpoint;
  // The function's own client, as in Lambda; the bare reads use the stack's.
  const appDb = createDb({ tableName: stack.db.tableName, ...(endpoint ? { endpoint } : {}) });
  try {
    const n = Number(process.env.BENCH_READS ?? 2000);
    const bare = () =>
      stack.db.doc.send(
        new GetCommand({ TableName: stack.db.tableName, Key: unitKey(UNIT), ConsistentRead: true }),
      );

    const { handler, signer } = await lambdaEntry(appDb);
    const token = await signer.issue((await getUser(stack.db, 'leader'))!);
    const [lambda, bareOfLambda] = await interleaved(
      n,
      async () => {
        const result = await handler(
          httpApiEvent('GET', `/api/units/${UNIT}`, { authorization: `Bearer ${token}` }),
        );
        if (statusOf(result) !== 200) throw new Error(`handler answered ${statusOf(result)}`);
      },
      bare,
    );

    const { idToken } = (await (
      await fetch(`${stack.url}/api/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: 'leader' }),
      })
    ).json()) as { idToken: string };
    const [http, bareOfHttp] = await interleaved(
      Math.min(n, 1000),
      async () => {
        const res = await fetch(`${stack.url}/api/units/${UNIT}`, {
          headers: { authorization: `Bearer ${idToken}` },
        });
        if (res.status !== 200) throw new Error(`API answered ${res.status}`);
        await res.json();
      },
      bare,
    );

    const rows = [
      ['', 'p50', 'p99', 'ratio p50', 'ratio p99'],
      ['---', '---', '---', '---', '---'],
      [
        'Lambda handler, HTTP API event (deployed entry)',
        fmt(percentile(lambda, 50)),
        fmt(percentile(lambda, 99)),
        ratio(lambda, bareOfLambda, 50),
        ratio(lambda, bareOfLambda, 99),
      ],
      [
        'bare GetItem (interleaved with it)',
        fmt(percentile(bareOfLambda, 50)),
        fmt(percentile(bareOfLambda, 99)),
        '',
        '',
      ],
      [
        'loopback HTTP to the local server (information)',
        fmt(percentile(http, 50)),
        fmt(percentile(http, 99)),
        ratio(http, bareOfHttp, 50),
        ratio(http, bareOfHttp, 99),
      ],
      [
        'bare GetItem (interleaved with it)',
        fmt(percentile(bareOfHttp, 50)),
        fmt(percentile(bareOfHttp, 99)),
        '',
        '',
      ],
    ];
    return [
      `## Keyed read: GET /api/units/{id} vs the bare GetItem (${n} interleaved pairs after 300, DynamoDB Local)`,
      `machine: ${machine()}; ${loadAverage()}`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
  } finally {
    appDb.raw.destroy();
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());

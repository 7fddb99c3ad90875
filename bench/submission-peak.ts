/**
 * The item save and the quarter-end peak, against the bare DynamoDB writes the API makes for the
 * same work (the conditional Put of an item; the period's TransactWriteItems), in its own table on
 * its own DynamoDB Local, through the deployed entry: the Lambda handler invoked with API Gateway
 * HTTP API events (lambda-entry.ts).
 *
 * 1. One client: a save (a new item, version 0) then a bare conditional PutItem, interleaved, over
 *    SEQ_UNITS units × 40 indicators; with the store calls the handler's client made per save.
 * 2. The peak: 300 units × 40 indicators, each unit saving its 40 items and then submitting the
 *    period, by 50 concurrent clients (in one process, as the bare writes are), then the bare writes
 *    at the same concurrency for other units.
 * 3. For information: the peak's saves over loopback HTTP to the local server (a hop the deployed
 *    API does not have), on HTTP_UNITS other units.
 *
 * Sizes can be lowered for a quick look: BENCH_UNITS=30 BENCH_CLIENTS=10 npx tsx bench/submission-peak.ts
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from '../scripts/lib/dynamodb-local';
import { startLocalStack } from '../scripts/lib/local-stack';
import { demoYear } from '../scripts/seed/demo-year';
import { createDb } from '../shared/db/client';
import { putIfAbsent } from '../shared/db/items';
import {
  agreementIndexes,
  agreementKey,
  idempotencyKey,
  periodSubmissionIndexes,
  periodSubmissionKey,
  submissionItemIndexes,
  submissionItemKey,
} from '../shared/db/keys';
import { getUser, putCategory, seedUnit, seedUser } from '../shared/db/org-repo';
import { seedYear } from '../shared/db/year-repo';
import { generateAgreement, issueAgreement, signAgreement } from '../shared/domain/agreements/lifecycle';
import type { Template, TemplateLeaf } from '../shared/schemas/template';
import { countStoreCalls, httpApiEvent, lambdaEntry, statusOf } from './lambda-entry';
import { fmt, loadAverage, machine, percentile } from './lib';

const UNITS = Number(process.env.BENCH_UNITS ?? 300);
const SEQ_UNITS = Math.max(1, Math.round(UNITS / 6));
const HTTP_UNITS = Math.max(1, Math.round(UNITS / 3));
const INDICATORS = 40;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
const YEAR = 2026;
/** Inside the Q2 window (06-24 09:00 – 07-10 18:00 Beijing time): the server's clock for the run. */
const NOW = new Date('2026-07-08T16:00:00+08:00');

const CATEGORY = { id: 'bench', name: '压测单位', sortOrder: 9 };

/** 40 quarterly leaves of 2.5 points: rates, counts, yes/no and dates, as a real template mixes them. */
const template: Template = {
  year: YEAR,
  categoryId: CATEGORY.id,
  title: `${YEAR}年度压测目标管理责任书`,
  partyA: '清河县卫生健康局',
  version: 1,
  updatedAt: `${YEAR}-01-06T09:00:00+08:00`,
  updatedBy: 'admin',
  unitTargets: {},
  dimensions: [0, 1, 2, 3].map((d) => ({
    name: `一级指标${d + 1}`,
    leaves: Array.from({ length: INDICATORS / 4 }, (_, i): TemplateLeaf => {
      const code = `${d + 1}.${i + 1}`;
      const base = {
        code,
        name: `指标${code}`,
        W: 2.5,
        direction: 'higher' as const,
        periods: ['Q1', 'Q2', 'Q3', 'Q4'] as TemplateLeaf['periods'],
      };
      const kind = (d * 10 + i) % 8;
      if (kind === 6)
        return {
          ...base,
          measure: 'boolean',
          rule: { type: 'threshold' },
          defaultTarget: true,
          evidence: '',
          department: '',
        };
      if (kind === 7)
        return {
          ...base,
          measure: 'count',
          rule: { type: 'threshold' },
          defaultTarget: 100,
          evidence: '',
          department: '',
        };
      return {
        ...base,
        measure: 'rate',
        rule: { type: 'threshold' },
        defaultTarget: 90,
        evidence: '台账',
        department: '',
      };
    }),
  })),
};

const reportedValue = (leaf: TemplateLeaf, unit: number) =>
  leaf.measure === 'boolean'
    ? true
    : leaf.measure === 'count'
      ? 80 + (unit % 40)
      : 85 + ((unit * 7) % 15) + 0.25;

const leaves = template.dimensions.flatMap((d) => d.leaves);

/** Runs `work(index)` for indexes 0…n−1 on `clients` concurrent workers. */
const pool = async (n: number, clients: number, work: (i: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < n) await work(next++);
    }),
  );
};

const timed = async (into: number[], call: () => Promise<unknown>) => {
  const t = performance.now();
  await call();
  into.push(performance.now() - t);
};

const row = (label: string, times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return [label, String(sorted.length), fmt(percentile(sorted, 50)), fmt(percentile(sorted, 99))];
};

/** The stored item of a bare save: what the API writes for a new item (version 0). */
const bareItem = (id: string, leaf: TemplateLeaf, u: number, at: string) => ({
  ...submissionItemKey(YEAR, id, 'Q2', leaf.code),
  ...submissionItemIndexes(YEAR, 'Q2', id, leaf.code),
  entity: 'submission-item',
  year: YEAR,
  unitId: id,
  period: 'Q2',
  code: leaf.code,
  status: 'draft',
  value: reportedValue(leaf, u),
  narrative: `截至6月底${leaf.name}已完成。`,
  returnReason: null,
  history: [{ status: 'draft', at, by: `${id}-head`, byName: '负责人' }],
  updatedAt: at,
  updatedBy: `${id}-head`,
  version: 1,
});

const itemPath = (id: string, code: string) => `/api/years/${YEAR}/units/${id}/periods/Q2/items/${code}`;
const saveBody = (leaf: TemplateLeaf, u: number) => ({
  value: reportedValue(leaf, u),
  narrative: `截至6月底${leaf.name}已完成。`,
  version: 0,
});

export async function run(): Promise<string> {
  const stack = await startLocalStack({
    port: await freePort(),
    buildWeb: false,
    seed: false,
    tableName: 'bench-submission-peak',
    logLevel: 'CRITICAL',
    now: () => NOW,
  });
  const endpoint = stack.ddb?.endpoint;
  // Set-up and the bare writes: a client like the function's, with a deadline a loaded machine cannot
  // break (a bare write past 4 s would end the run; the function's own answers 503 and is counted).
  const db = createDb({
    tableName: stack.db.tableName,
    deadlineMs: 120_000,
    ...(endpoint ? { endpoint } : {}),
  });
  // The function's own client, as in Lambda, counted; the bare writes use the stack's.
  const appDb = createDb({ tableName: db.tableName, ...(endpoint ? { endpoint } : {}) });
  const storeCalls = countStoreCalls(appDb);
  try {
    // ── set-up through the repositories: year, category, units with a head each, signed agreements
    const admin = { userId: 'admin', name: '王建华' };
    await seedYear(db, { ...demoYear(YEAR, 'in_progress') });
    await putCategory(db, CATEGORY);
    // Units the API writes for are seeded; the bare writes need no unit (`bare-…` ids).
    const unitIds = Array.from(
      { length: SEQ_UNITS + UNITS + HTTP_UNITS },
      (_, i) => `bench-${String(i).padStart(4, '0')}`,
    );
    await pool(unitIds.length, 10, async (i) => {
      const id = unitIds[i]!;
      const unit = { id, name: `压测卫生院${i}`, categoryId: CATEGORY.id, head: '负责人', contacts: [] };
      await seedUnit(db, unit);
      await seedUser(db, {
        id: `${id}-head`,
        name: '负责人',
        title: '负责人',
        roles: ['unit_head'],
        unitId: id,
        affiliatedUnitIds: [id],
      });
      const generated = generateAgreement({
        year: YEAR,
        unit,
        category: CATEGORY,
        template,
        actor: admin,
        at: new Date(`${YEAR}-01-08T09:00:00+08:00`),
      });
      const { agreement: issued } = issueAgreement(
        generated,
        admin,
        new Date(`${YEAR}-01-10T09:00:00+08:00`),
      );
      const signed = signAgreement(
        issued,
        issued.contentHash,
        { userId: `${id}-head`, name: '负责人' },
        new Date(`${YEAR}-01-12T09:00:00+08:00`),
      );
      const { version: _v, ...current } = signed;
      await putIfAbsent(db, {
        ...agreementKey(YEAR, id),
        ...agreementIndexes(YEAR, CATEGORY.id, id),
        entity: 'agreement',
        ...current,
      });
    });
    const seqUnits = unitIds.slice(0, SEQ_UNITS);
    const apiUnits = unitIds.slice(SEQ_UNITS, SEQ_UNITS + UNITS);
    const httpUnits = unitIds.slice(SEQ_UNITS + UNITS);
    /** The bare twin of an API unit: its items are written under another id, never read by the API. */
    const bareOf = (id: string) => `bare-${id}`;
    const { handler, signer } = await lambdaEntry(appDb, () => NOW);
    const tokens = new Map<string, string>();
    await pool(seqUnits.length + apiUnits.length, 10, async (i) => {
      const id = [...seqUnits, ...apiUnits][i]!;
      tokens.set(id, await signer.issue((await getUser(db, `${id}-head`))!));
    });
    /** Answers other than 200, by status (a 503 is the function's 4 s store deadline passing). */
    const errors = new Map<number, number>();
    const failed = (status: number) => errors.set(status, (errors.get(status) ?? 0) + 1);
    const invoke = async (method: string, path: string, token: string, body: unknown, extra = {}) => {
      const result = await handler(
        httpApiEvent(method, path, { authorization: `Bearer ${token}`, ...extra }, body),
      );
      if (statusOf(result) !== 200) failed(statusOf(result));
    };
    const at = NOW.toISOString();

    const putBare = (id: string, leaf: TemplateLeaf, u: number) =>
      db.doc.send(
        new PutCommand({
          TableName: db.tableName,
          Item: bareItem(id, leaf, u, at),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );

    // ── 1. one client: a save through the handler, then a bare conditional PutItem, interleaved
    const seqSaves: number[] = [];
    const seqPuts: number[] = [];
    const warmup = 40;
    storeCalls.reset();
    for (let u = 0; u < seqUnits.length; u++) {
      const id = seqUnits[u]!;
      const bareId = bareOf(id);
      for (const [i, leaf] of leaves.entries()) {
        const measured = u * leaves.length + i >= warmup;
        await timed(measured ? seqSaves : [], () =>
          invoke('PUT', itemPath(id, leaf.code), tokens.get(id)!, saveBody(leaf, u)),
        );
        await timed(measured ? seqPuts : [], () => putBare(bareId, leaf, u));
      }
    }
    const seqCount = seqUnits.length * leaves.length;
    const callsPerSave = storeCalls.total() / seqCount;
    const callNames = storeCalls.byName();

    // ── 2. the peak: 50 clients, each takes the next unit, saves its 40 items and submits through the
    //    handler, each request followed by the bare write it makes, for the unit's bare twin, so the
    //    load of the moment (this process's, DynamoDB Local's, the machine's) weighs on both alike
    const saves: number[] = [];
    const submits: number[] = [];
    const barePuts: number[] = [];
    const bareTransactions: number[] = [];
    const bareSubmission = (id: string) =>
      db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            ...leaves.map((leaf) => ({
              Update: {
                TableName: db.tableName,
                Key: submissionItemKey(YEAR, id, 'Q2', leaf.code),
                UpdateExpression:
                  'SET #status = :to, history = list_append(history, :event), updatedAt = :at, updatedBy = :by, #version = :next, returnReason = :reason',
                ConditionExpression: '#version = :expected AND #status = :from',
                ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
                ExpressionAttributeValues: {
                  ':to': 'submitted',
                  ':from': 'draft',
                  ':event': [{ status: 'submitted', at, by: `${id}-head`, byName: '负责人' }],
                  ':at': at,
                  ':by': `${id}-head`,
                  ':expected': 1,
                  ':next': 2,
                  ':reason': null,
                },
              },
            })),
            {
              Put: {
                TableName: db.tableName,
                Item: {
                  ...periodSubmissionKey(YEAR, id, 'Q2'),
                  ...periodSubmissionIndexes(YEAR, 'Q2', id),
                  year: YEAR,
                  unitId: id,
                  period: 'Q2',
                  rounds: [
                    { at, by: `${id}-head`, byName: '负责人', submitted: leaves.length, resubmitted: 0 },
                  ],
                  submittedAt: at,
                  version: 1,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: db.tableName,
                Item: {
                  ...idempotencyKey(`period-submission#${id}-head`, randomUUID()),
                  body: {},
                  fingerprint: id,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    const started = performance.now();
    await pool(apiUnits.length, CLIENTS, async (u) => {
      const id = apiUnits[u]!;
      const bareId = bareOf(id);
      const token = tokens.get(id)!;
      for (const leaf of leaves) {
        await timed(saves, () => invoke('PUT', itemPath(id, leaf.code), token, saveBody(leaf, u)));
        await timed(barePuts, () => putBare(bareId, leaf, u));
      }
      await timed(submits, () =>
        invoke(
          'POST',
          `/api/years/${YEAR}/units/${id}/periods/Q2/submission`,
          token,
          {},
          { 'idempotency-key': randomUUID() },
        ),
      );
      await timed(bareTransactions, () => bareSubmission(bareId));
    });
    const peakSeconds = (performance.now() - started) / 1000;

    // ── 3. for information: the peak's saves over loopback HTTP to the local server
    const httpTokens = new Map<string, string>();
    await pool(httpUnits.length, 10, async (i) => {
      const id = httpUnits[i]!;
      const res = await fetch(`${stack.url}/api/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: `${id}-head` }),
      });
      httpTokens.set(id, ((await res.json()) as { idToken: string }).idToken);
    });
    const httpSaves: number[] = [];
    const httpBarePuts: number[] = [];
    await pool(httpUnits.length, CLIENTS, async (u) => {
      const id = httpUnits[u]!;
      const headers = { authorization: `Bearer ${httpTokens.get(id)}`, 'content-type': 'application/json' };
      for (const leaf of leaves) {
        await timed(httpSaves, async () => {
          const res = await fetch(`${stack.url}${itemPath(id, leaf.code)}`, {
            method: 'PUT',
            headers,
            body: JSON.stringify(saveBody(leaf, u)),
          });
          if (res.status !== 200) failed(res.status);
          await res.arrayBuffer();
        });
        await timed(httpBarePuts, () => putBare(bareOf(id), leaf, u));
      }
    });

    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const ratio = (a: number[], b: number[], p: number) =>
      (percentile(sorted(a), p) / percentile(sorted(b), p)).toFixed(2);
    const requests = saves.length + submits.length + barePuts.length + bareTransactions.length;
    const rows = [
      ['', 'requests', 'p50', 'p99'],
      ['---', '---', '---', '---'],
      row('one client: save through the handler (new item)', seqSaves),
      row('one client: bare conditional PutItem (interleaved)', seqPuts),
      [
        'ratio save / bare PutItem, one client',
        '',
        ratio(seqSaves, seqPuts, 50),
        ratio(seqSaves, seqPuts, 99),
      ],
      row(`${CLIENTS} clients: save through the handler`, saves),
      row(`${CLIENTS} clients: bare conditional PutItem (interleaved)`, barePuts),
      row(`${CLIENTS} clients: submission through the handler (40 items)`, submits),
      row(`${CLIENTS} clients: bare TransactWriteItems (40 updates + 2 puts, interleaved)`, bareTransactions),
      [
        `ratio save / bare PutItem, ${CLIENTS} clients`,
        '',
        ratio(saves, barePuts, 50),
        ratio(saves, barePuts, 99),
      ],
      [
        `ratio submission / bare transaction, ${CLIENTS} clients`,
        '',
        ratio(submits, bareTransactions, 50),
        ratio(submits, bareTransactions, 99),
      ],
      row(`${CLIENTS} clients: save over loopback HTTP (information)`, httpSaves),
      row(`${CLIENTS} clients: bare conditional PutItem (interleaved with it)`, httpBarePuts),
      [
        `ratio loopback save / bare PutItem, ${CLIENTS} clients`,
        '',
        ratio(httpSaves, httpBarePuts, 50),
        ratio(httpSaves, httpBarePuts, 99),
      ],
    ];
    return [
      `## Item save and quarter-end peak: ${UNITS} units × ${INDICATORS} indicators, ${CLIENTS} concurrent clients (DynamoDB Local, Lambda handler with HTTP API events)`,
      `machine: ${machine()}; ${loadAverage()}`,
      `store calls per save (one client, ${seqCount} saves of ${seqUnits.length} units, cold first save of each unit included): ${callsPerSave.toFixed(3)} ${JSON.stringify(callNames)}`,
      `peak: ${requests} requests (handler and bare) in ${peakSeconds.toFixed(1)} s (${(requests / peakSeconds).toFixed(0)}/s); answers other than 200 (all phases): ${JSON.stringify(Object.fromEntries(errors))}`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
  } finally {
    appDb.raw.destroy();
    db.raw.destroy();
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());

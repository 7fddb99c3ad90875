/**
 * The quarter-end peak on loopback: 300 units × 40 indicators, each unit saving its 40 items and
 * then submitting the period, driven by 50 concurrent clients through the whole API (HTTP → Hono →
 * auth → window and agreement reads → conditional write / transaction), against the bare DynamoDB
 * writes the API makes for the same work (the conditional Put of an item; the period's
 * TransactWriteItems), at the same concurrency, in its own table on its own DynamoDB Local.
 *
 * Sizes can be lowered for a quick look: BENCH_UNITS=30 BENCH_CLIENTS=10 npx tsx bench/submission-peak.ts
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { freePort } from '../scripts/lib/dynamodb-local';
import { startLocalStack } from '../scripts/lib/local-stack';
import { demoYear } from '../scripts/seed/demo-year';
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
import { putCategory, seedUnit, seedUser } from '../shared/db/org-repo';
import { seedYear } from '../shared/db/year-repo';
import { generateAgreement, issueAgreement, signAgreement } from '../shared/domain/agreements/lifecycle';
import type { Template, TemplateLeaf } from '../shared/schemas/template';
import { fmt, machine, percentile } from './lib';

const UNITS = Number(process.env.BENCH_UNITS ?? 300);
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

export async function run(): Promise<string> {
  const stack = await startLocalStack({
    port: await freePort(),
    buildWeb: false,
    seed: false,
    tableName: 'bench-submission-peak',
    logLevel: 'CRITICAL',
    now: () => NOW,
  });
  const { db } = stack;
  try {
    // ── set-up through the repositories: year, category, units with a head each, signed agreements
    const admin = { userId: 'admin', name: '王建华' };
    await seedYear(db, { ...demoYear(YEAR, 'in_progress') });
    await putCategory(db, CATEGORY);
    const unitIds = Array.from({ length: UNITS * 2 }, (_, i) => `bench-${String(i).padStart(4, '0')}`);
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
    const apiUnits = unitIds.slice(0, UNITS);
    const bareUnits = unitIds.slice(UNITS);
    const tokens = new Map<string, string>();
    await pool(apiUnits.length, 10, async (i) => {
      const id = apiUnits[i]!;
      const res = await fetch(`${stack.url}/api/dev/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId: `${id}-head` }),
      });
      tokens.set(id, ((await res.json()) as { idToken: string }).idToken);
    });

    // ── the API: 50 clients, each takes the next unit, saves its 40 items, submits the period
    const saves: number[] = [];
    const submits: number[] = [];
    let errors = 0;
    const check = async (res: Response) => {
      if (res.status !== 200) errors++;
      await res.arrayBuffer();
    };
    const started = performance.now();
    await pool(apiUnits.length, CLIENTS, async (u) => {
      const id = apiUnits[u]!;
      const headers = { authorization: `Bearer ${tokens.get(id)}`, 'content-type': 'application/json' };
      for (const leaf of leaves) {
        await timed(saves, async () =>
          check(
            await fetch(`${stack.url}/api/years/${YEAR}/units/${id}/periods/Q2/items/${leaf.code}`, {
              method: 'PUT',
              headers,
              body: JSON.stringify({
                value: reportedValue(leaf, u),
                narrative: `截至6月底${leaf.name}已完成。`,
                version: 0,
              }),
            }),
          ),
        );
      }
      await timed(submits, async () =>
        check(
          await fetch(`${stack.url}/api/years/${YEAR}/units/${id}/periods/Q2/submission`, {
            method: 'POST',
            headers: { ...headers, 'idempotency-key': randomUUID() },
            body: '{}',
          }),
        ),
      );
    });
    const apiSeconds = (performance.now() - started) / 1000;

    // ── the bare writes the API makes for the same work, same concurrency, other units
    const barePuts: number[] = [];
    const bareTransactions: number[] = [];
    const at = NOW.toISOString();
    await pool(bareUnits.length, CLIENTS, async (u) => {
      const id = bareUnits[u]!;
      for (const leaf of leaves) {
        await timed(barePuts, () =>
          db.doc.send(
            new PutCommand({
              TableName: db.tableName,
              Item: {
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
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          ),
        );
      }
      await timed(bareTransactions, () =>
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
        ),
      );
    });

    const med = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const p99 = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        99,
      );
    const requests = saves.length + submits.length;
    const rows = [
      ['', 'requests', 'p50', 'p99'],
      row('API PUT …/items/{code} (save a value)', saves),
      row('API POST …/submission (unit head, 40 items)', submits),
      row('bare conditional PutItem (one item)', barePuts),
      row('bare TransactWriteItems (40 updates + 2 puts)', bareTransactions),
      [
        'ratio API save / bare PutItem',
        '',
        (med(saves) / med(barePuts)).toFixed(2),
        (p99(saves) / p99(barePuts)).toFixed(2),
      ],
      [
        'ratio API submission / bare transaction',
        '',
        (med(submits) / med(bareTransactions)).toFixed(2),
        (p99(submits) / p99(bareTransactions)).toFixed(2),
      ],
    ];
    return [
      `## Quarter-end peak: ${UNITS} units × ${INDICATORS} indicators, ${CLIENTS} concurrent clients (DynamoDB Local, loopback)`,
      `machine: ${machine()}`,
      `${requests} API requests in ${apiSeconds.toFixed(1)} s (${(requests / apiSeconds).toFixed(0)} req/s), errors: ${errors}`,
      ...rows.map((r) => `| ${r.join(' | ')} |`),
    ].join('\n');
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await run());

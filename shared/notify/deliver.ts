/**
 * The delivery job: sends the outbox's due messages. Each message is claimed by a conditional update
 * before it is sent (two runs never send one message), answered or failed messages are settled with
 * bounded retries and backoff, channels run side by side so a failing one blocks no other, and the
 * committee's digest rows of one recipient and channel leave as one message. Secrets are read from
 * the secret store at send time and removed from every error and answer kept.
 */

import type { Db } from '../db/client';
import { claim, listDue, type StoredOutboxMessage, settle } from '../db/outbox-repo';
import { afterFailure } from '../domain/notifications/delivery';
import { digestMessage, emailMessage } from '../domain/notifications/email-message';
import { isQuietHour } from '../domain/notifications/quiet-hours';
import { dingtalkRequest, robotAccepted, wecomRequest } from '../domain/notifications/robot-requests';
import { redact, robotSecretName, type SecretStore } from './secret-store';
import type { Transport } from './transport';

export interface DeliveryDeps {
  db: Db;
  secrets: SecretStore;
  transport: Transport;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

type Outcome = { ok: true; answer: string } | { ok: false; error: string; answer?: string };

const beijingDate = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** Sends one message (or one digest of several) and says how it went, secrets removed. */
const send = async (deps: DeliveryDeps, rows: StoredOutboxMessage[], now: Date): Promise<Outcome> => {
  const first = rows[0] as StoredOutboxMessage;
  const content =
    rows.length > 1
      ? digestMessage(rows, beijingDate(now))
      : { title: first.title, body: first.body, link: first.link };
  if (first.channel === 'email') {
    if (!first.address) return { ok: false, error: '未设置电子邮箱' };
    try {
      return {
        ok: true,
        answer: await deps.transport.email({ to: first.address, ...emailMessage(content) }),
      };
    } catch (error) {
      return { ok: false, error: (error as Error).message.slice(0, 300) };
    }
  }
  const [webhook, secret] = await Promise.all([
    deps.secrets.get(robotSecretName(first.recipient, 'webhook')),
    deps.secrets.get(robotSecretName(first.recipient, 'sign')),
  ]);
  if (!webhook) return { ok: false, error: '未配置机器人地址' };
  const scrub = (s: string) => redact(s, [webhook, secret]);
  const message = { ...content, mentionMobiles: rows.flatMap((r) => r.mentionMobiles) };
  try {
    const request =
      first.channel === 'wecom'
        ? wecomRequest(webhook, message)
        : dingtalkRequest(webhook, message, secret ? { secret, timestampMs: Date.now() } : undefined);
    const { status, text } = await deps.transport.post(request.url, request.body);
    let answer: unknown;
    try {
      answer = JSON.parse(text);
    } catch {
      answer = undefined;
    }
    return robotAccepted(status, answer)
      ? { ok: true, answer: scrub(text) }
      : { ok: false, error: `HTTP ${status}`, answer: scrub(text) };
  } catch (error) {
    return { ok: false, error: scrub((error as Error).message).slice(0, 300) };
  }
};

/** Claims, sends and settles one group of rows (one message, or one digest). */
const deliverGroup = async (
  deps: DeliveryDeps,
  rows: StoredOutboxMessage[],
  now: Date,
  report: DeliveryReport,
) => {
  const claimed: StoredOutboxMessage[] = [];
  for (const row of rows) {
    if (await claim(deps.db, row, now))
      claimed.push({ ...row, state: 'sending', attempts: row.attempts + 1 });
  }
  if (claimed.length === 0) return;
  const outcome = await send(deps, claimed, now);
  for (const row of claimed) {
    if (outcome.ok) {
      await settle(deps.db, row, { state: 'sent', answer: outcome.answer, at: now });
      report.sent++;
      continue;
    }
    const next = afterFailure(row.attempts, now);
    const extra = outcome.answer ? { answer: outcome.answer } : {};
    if (next.state === 'failed') {
      await settle(deps.db, row, { state: 'failed', lastError: outcome.error, at: now, ...extra });
      report.failed++;
    } else {
      await settle(deps.db, row, { state: 'queued', dueAt: next.dueAt, lastError: outcome.error, ...extra });
      report.retrying++;
    }
  }
};

/** Sends what is due at `now`; `only` narrows the run to one message (重发). */
export const deliverOutbox = async (
  deps: DeliveryDeps,
  now: Date,
  only?: string,
): Promise<DeliveryReport> => {
  const due = [
    ...(await listDue(deps.db, 'queued', now)),
    ...(await listDue(deps.db, 'sending', now)),
  ].filter((m) => !only || m.id === only);
  // A robot message whose retry fell into quiet hours waits for the morning.
  const sendable = due.filter((m) => m.channel === 'email' || m.urgent || !isQuietHour(now));
  const groups = new Map<string, StoredOutboxMessage[]>();
  for (const m of sendable) {
    const key = m.digest ? `digest|${m.channel}|${m.recipient}` : m.id;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  const byChannel = new Map<string, StoredOutboxMessage[][]>();
  for (const rows of groups.values()) {
    const channel = (rows[0] as StoredOutboxMessage).channel;
    byChannel.set(channel, [...(byChannel.get(channel) ?? []), rows]);
  }
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  // Channels side by side; within one channel one message at a time (robots allow 20 a minute).
  await Promise.all(
    [...byChannel.values()].map(async (list) => {
      for (const rows of list) await deliverGroup(deps, rows, now, report);
    }),
  );
  return report;
};

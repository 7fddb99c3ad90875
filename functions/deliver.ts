/**
 * The outbox's delivery (EventBridge, every 5 minutes): sends the 企业微信 / 钉钉 / e-mail messages
 * that are due, with bounded retries (shared/notify/deliver.ts). Locally `npm start` runs the same
 * every minute into its built-in receiver.
 */
import { createDb, type Db, dbConfigFromEnv } from '../shared/db/client';
import { type DeliveryReport, deliverOutbox } from '../shared/notify/deliver';
import type { NotifyDeps } from '../shared/notify/deps';
import { notifyDepsFromEnv } from '../shared/notify/from-env';

let db: Db | undefined;
let notify: NotifyDeps | undefined;

export const handler = async (): Promise<DeliveryReport> => {
  db ??= createDb(dbConfigFromEnv());
  notify ??= notifyDepsFromEnv();
  return deliverOutbox({ db, ...notify }, new Date());
};

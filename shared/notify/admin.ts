/**
 * What the 消息发送 routes call, in one module the routes load on first use: the API's cold start
 * carries the route declarations only (it has a 250 KiB gzip budget, infra/constructs/bundle.ts).
 */
export {
  getNotifySettings,
  listContacts,
  listRobots,
  putContact,
  putNotifySettings,
} from '../db/notify-config-repo';
export { getUser } from '../db/org-repo';
// The notices' outside messages and the AWS dependencies load from this same module, so the lazy
// code adds one chunk to the bundle, not one per caller (each initial chunk is gzipped on its own).
export { enqueueForNotes } from '../db/outbox-enqueue';
export { getOutboxMessage, listOutbox, requeueFailed } from '../db/outbox-repo';
export { deliverOutbox } from './deliver';
export { notifyDepsFromEnv } from './from-env';
export { removeRobot, saveRobot } from './robots';

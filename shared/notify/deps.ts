/** What the outside-delivery routes need beside the table. */
import type { SecretStore } from './secret-store';
import type { ReceivedMessage, Transport } from './transport';

export interface NotifyDeps {
  secrets: SecretStore;
  transport: Transport;
  /** The local receiver's messages (`npm start` and tests only). */
  received?: () => ReceivedMessage[];
  /** Today's reminder run (functions/reminders.ts), for 立即运行提醒. */
  runReminders?: (now: Date) => Promise<{ reminders: number; overdue: number; notifications: number }>;
}

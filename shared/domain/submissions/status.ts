/**
 * The status machine of one submission item (one indicator of one unit in one period):
 *
 *   draft ──submit──▶ submitted ──accept──▶ accepted
 *                        │
 *                      return (rater, with a reason)
 *                        ▼
 *                     returned ──submit──▶ resubmitted ──accept──▶ accepted
 *                        ▲                      │
 *                        └───────return─────────┘
 *
 * Only a draft or a returned item can be edited; the unit head's period submission moves every
 * draft and returned item on in one step.
 */
export const ITEM_STATUSES = ['draft', 'submitted', 'returned', 'resubmitted', 'accepted'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Readonly<Record<ItemStatus, string>> = {
  draft: '草稿',
  submitted: '已提交',
  returned: '已退回',
  resubmitted: '已重新提交',
  accepted: '已通过',
};

export type ItemEvent = 'submit' | 'return' | 'accept';

const TRANSITIONS: Readonly<Record<ItemEvent, Partial<Record<ItemStatus, ItemStatus>>>> = {
  submit: { draft: 'submitted', returned: 'resubmitted' },
  return: { submitted: 'returned', resubmitted: 'returned' },
  accept: { submitted: 'accepted', resubmitted: 'accepted' },
};

/** The status an event leads to, or null when the event does not apply to that status. */
export const nextStatus = (status: ItemStatus, event: ItemEvent): ItemStatus | null =>
  TRANSITIONS[event][status] ?? null;

/** The statuses an event applies to (used to build the write's condition). */
export const statusesFor = (event: ItemEvent): ItemStatus[] =>
  Object.keys(TRANSITIONS[event]) as ItemStatus[];

/** A unit may change the value, narrative and files of a draft or a returned item only. */
export const isEditable = (status: ItemStatus): boolean => status === 'draft' || status === 'returned';
export const EDITABLE_STATUSES: readonly ItemStatus[] = ['draft', 'returned'];

/** Counted as handed in on the progress matrix and by the reminders. */
export const isHandedIn = (status: ItemStatus): boolean =>
  status === 'submitted' || status === 'resubmitted' || status === 'accepted';

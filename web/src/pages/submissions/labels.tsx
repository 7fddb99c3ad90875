/** What the submission pages say about statuses and periods (labels shared with the API's domain). */
import type { CellStatus } from '../../../../shared/domain/submissions/progress';
import { ITEM_STATUS_LABELS, type ItemStatus } from '../../../../shared/domain/submissions/status';

export const CELL_LABELS: Readonly<Record<CellStatus, string>> = { ...ITEM_STATUS_LABELS, missing: '未填报' };

/** CSS class of a status badge or matrix cell (colour plus text: never colour alone). */
export const statusClass = (status: ItemStatus | 'missing') => `status status-${status}`;

export const StatusBadge = ({ status }: { status: ItemStatus | 'missing' }) => (
  <span class={statusClass(status)}>{CELL_LABELS[status]}</span>
);

/**
 * 单位材料 of the opened item: the value and narrative the unit reported, and its evidence files —
 * with the check against the unit's work summary (SummaryCheck) — a PDF or an image opens in the page's viewer (Escape or 关闭 returns to the file), other types
 * download — with a link to the unit's whole worksheet.
 */
import type { ItemStatus } from '../../../../shared/domain/submissions/status';
import { Link } from '../../components/Link';
import { StoredFileList } from '../../components/StoredFileList';
import { CELL_LABELS } from '../submissions/labels';
import { SummaryCheck } from './SummaryCheck';
import { type Period, type QueueItem, scoringApi } from './scoring-api';

export const UnitMaterials = ({ year, period, item }: { year: number; period: Period; item: QueueItem }) => {
  const filesId = `files-${item.unitId}-${item.code}`.replace(/[^\w-]/g, '_');
  return (
    <section aria-label="单位材料" class="unit-materials">
      <h3>{item.unitName}</h3>
      <p>
        填报值：
        {item.reported?.value === null || item.reported === null ? '无' : String(item.reported.value)}
        {item.reported && `（${CELL_LABELS[item.reported.status as ItemStatus] ?? '状态未知'}）`}
      </p>
      <SummaryCheck item={item} />
      {item.reported?.narrative && <p>{item.reported.narrative}</p>}
      <h4 id={filesId}>佐证材料（{item.files.length} 个文件）</h4>
      {item.files.length === 0 && <p class="muted">单位未上传本项材料。</p>}
      <StoredFileList
        files={item.files}
        labelledBy={filesId}
        link={(fileId) => scoringApi.fileLink(year, item.unitId, period, item.code, fileId)}
        remove={async () => undefined}
        onRemoved={() => undefined}
        editable={false}
        removeTitle=""
        removeText={() => null}
      />
      <Link href={item.evidenceLink}>查看单位全部材料</Link>
    </section>
  );
};

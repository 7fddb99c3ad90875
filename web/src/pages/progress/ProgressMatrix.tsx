/**
 * The progress matrix's table: units × indicators with each cell's status as a colour and a word (the
 * colour never carries the meaning alone), open / total, the submission time and (admin) 延期. Shared by
 * a county's whole matrix (paged in the browser) and a city's server pages.
 */
import { Link } from '../../components/Link';
import { formatDateTime } from '../../format';
import { CELL_LABELS, statusClass } from '../submissions/labels';
import type { Progress } from '../submissions/submissions-api';

export const STATUS_ORDER = ['missing', 'draft', 'submitted', 'returned', 'resubmitted', 'accepted'] as const;
type CellStatus = (typeof STATUS_ORDER)[number];

/** Short cell text (the colour never carries the meaning alone). */
const SHORT: Record<CellStatus, string> = {
  missing: '未填',
  draft: '草稿',
  submitted: '已交',
  returned: '退回',
  resubmitted: '重交',
  accepted: '通过',
};

export type UnitRow = Progress['units'][number];

/** The matrix of some units' rows (a page of them), with its legend; the caller pages it. */
export const MatrixTable = ({
  progress,
  rows,
  isAdmin,
  onExtend,
}: {
  progress: Pick<Progress, 'year' | 'period' | 'indicators'>;
  rows: readonly UnitRow[];
  isAdmin: boolean;
  onExtend: (row: UnitRow) => void;
}) => (
  <>
    <ul class="legend" aria-label="图例">
      {STATUS_ORDER.map((s) => (
        <li key={s}>
          <span class={statusClass(s)}>{SHORT[s]}</span> {CELL_LABELS[s]}
        </li>
      ))}
    </ul>
    <p class="scroll-hint" aria-hidden="true">
      左右滑动查看更多列 →
    </p>
    <div class="table-wrap matrix-wrap">
      <table class="matrix">
        <caption>各单位指标上报状态</caption>
        <thead>
          <tr>
            <th scope="col">单位</th>
            {progress.indicators.map((i) => (
              <th key={i.code} scope="col" title={`${i.dimension} · ${i.name}`}>
                <abbr title={i.name}>{i.code}</abbr>
              </th>
            ))}
            <th scope="col">未交 / 总数</th>
            <th scope="col">提交时间</th>
            <th scope="col">延期</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const total = Object.keys(row.cells).length;
            const open = row.counts.missing + row.counts.draft + row.counts.returned;
            return (
              <tr key={row.unitId} data-unit={row.unitId}>
                <th scope="row">
                  <Link
                    href={`/submissions?year=${progress.year}&period=${progress.period}&unit=${encodeURIComponent(row.unitId)}`}
                  >
                    {row.unitName}
                  </Link>
                </th>
                {progress.indicators.map((i) => {
                  const status = row.cells[i.code];
                  return (
                    <td key={i.code} class={status ? statusClass(status) : 'status status-none'}>
                      {status ? (
                        <>
                          <span aria-hidden="true">{SHORT[status]}</span>
                          <span class="visually-hidden">{CELL_LABELS[status]}</span>
                        </>
                      ) : (
                        <>
                          <span aria-hidden="true">·</span>
                          <span class="visually-hidden">本单位不考核</span>
                        </>
                      )}
                    </td>
                  );
                })}
                <td class="num">
                  {open} / {total}
                </td>
                <td class="nowrap">
                  {row.submittedAt ? formatDateTime(row.submittedAt) : <span class="muted">未提交</span>}
                </td>
                <td>
                  {row.extension ? <span class="nowrap">至 {row.extension.until}</span> : null}
                  {isAdmin && (
                    <button type="button" class="button button-quiet" onClick={() => onExtend(row)}>
                      {row.extension ? '修改' : '延期'}
                      <span class="visually-hidden">{row.unitName}</span>
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  </>
);

/**
 * The indicator table of an agreement as the bureau prints it: dimension (一级指标) spanning its
 * rows, then each indicator with its points, target, scoring rule and periods.
 */
import { formatPeriods, formatTarget } from '../../../../shared/domain/agreements/labels';
import type { AgreementDimension } from '../../../../shared/schemas/agreement';

const dimensionPoints = (dimension: AgreementDimension) =>
  dimension.leaves.reduce((sum, leaf) => sum + Math.round(leaf.W * 100), 0) / 100;

export const IndicatorTable = ({
  dimensions,
  caption,
  details = true,
}: {
  dimensions: readonly AgreementDimension[];
  caption: string;
  /** Evidence and department columns (the screen shows them; the printed page leaves them out). */
  details?: boolean;
}) => (
  <div class="table-wrap">
    <table class="data-table indicator-table sticky-first">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">一级指标</th>
          <th scope="col">编码</th>
          <th scope="col">考核指标</th>
          <th scope="col" class="num">
            分值
          </th>
          <th scope="col">目标值</th>
          <th scope="col">评分标准</th>
          <th scope="col">考核期</th>
          {details && <th scope="col">材料要求</th>}
          {details && <th scope="col">责任科室</th>}
        </tr>
      </thead>
      {/* One row group per dimension: its header cell spans the group's rows. */}
      {dimensions.map((dimension) => (
        <tbody key={dimension.name}>
          {dimension.leaves.map((leaf, i) => (
            <tr key={leaf.code} class={leaf.origin === 'unit' ? 'unit-indicator' : undefined}>
              {i === 0 && (
                <th scope="rowgroup" rowSpan={dimension.leaves.length} class="dimension-cell">
                  {dimension.name}
                  <span class="dimension-points">（{dimensionPoints(dimension)} 分）</span>
                </th>
              )}
              <td data-label="编码">
                <code>{leaf.code}</code>
              </td>
              <td data-label="考核指标">
                {leaf.name}
                {leaf.origin === 'unit' && <span class="tag">本单位特有</span>}
              </td>
              <td data-label="分值" class="num">
                {leaf.W}
              </td>
              <td data-label="目标值">
                {formatTarget(leaf.target, leaf.measure)}
                {leaf.targetSource === 'agreement' || leaf.targetSource === 'unit_plan' ? (
                  <span class="tag tag-plain">单位目标</span>
                ) : null}
              </td>
              <td data-label="评分标准">{leaf.ruleText}</td>
              <td data-label="考核期">{formatPeriods(leaf.periods)}</td>
              {details && <td data-label="材料要求">{leaf.evidence}</td>}
              {details && <td data-label="责任科室">{leaf.department}</td>}
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  </div>
);

/**
 * 未签订责任书的单位: the units of the progress view with no agreement in force this period, shown
 * (not hidden) with the state of their agreement and a link to where it is made or signed.
 */
import type { AgreementState } from '../../../../shared/schemas/agreement';
import { DataTable } from '../../components/DataTable';
import { Link } from '../../components/Link';
import type { Progress } from '../submissions/submissions-api';

const AGREEMENT_TEXT: Record<AgreementState | 'none', string> = {
  none: '未生成责任书',
  draft: '草稿，未下达',
  issued: '已下达，待签订',
  signed: '已签订，本期不考核',
  locked: '已锁定，本期不考核',
};

export const UnsignedUnits = ({ year, units }: { year: number; units: Progress['unsigned'] }) =>
  units.length === 0 ? null : (
    <section class="stack" aria-labelledby="unsigned-heading">
      <h2 id="unsigned-heading">
        未签订责任书的单位 <span class="count">{units.length} 个</span>
      </h2>
      <DataTable
        caption="未签订责任书的单位"
        captionHidden
        rows={units}
        rowKey={(u) => u.unitId}
        columns={[
          {
            header: '单位',
            className: 'unit-name',
            render: (u) =>
              u.agreement ? (
                <Link href={`/agreements/${year}/${encodeURIComponent(u.unitId)}`}>{u.unitName}</Link>
              ) : (
                u.unitName
              ),
          },
          { header: '类别', render: (u) => u.categoryName },
          { header: '责任书', render: (u) => AGREEMENT_TEXT[u.agreement ?? 'none'] },
        ]}
      />
    </section>
  );

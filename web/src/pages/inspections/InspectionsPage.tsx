/**
 * 检查记录 (明查暗访): the admin's approval queue and overdue rectifications; an inspector's own
 * inspections, the record form and the rectifications to review; a unit's rectification orders.
 */
import { useState } from 'preact/hooks';
import type { Me } from '../../api';
import { api } from '../../api';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useResource } from '../../use-resource';
import { ApprovalQueue } from '../proposals/ApprovalQueue';
import { InspectionForm } from './InspectionForm';
import { INSPECTION_STATE_LABELS, inspectionsApi } from './inspections-api';
import { RectificationList } from './RectificationList';

const todayInShanghai = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

const InspectorView = ({ user, year, names }: { user: Me; year: number; names: Map<string, string> }) => {
  const [data, reload] = useResource(
    () => Promise.all([inspectionsApi.list(year), inspectionsApi.checklist(year), api.units.list()]),
    [year],
  );
  const [saved, setSaved] = useState<string>();
  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorBanner message={data.error.message} />;
  const [inspections, checklist, units] = data.data;
  return (
    <div class="stack">
      {saved && <Notice>{saved}</Notice>}
      <InspectionForm
        year={year}
        units={units}
        checklist={checklist}
        today={todayInShanghai()}
        onSaved={(i) => {
          setSaved(`已提交 ${names.get(i.unitId) ?? i.unitId} ${i.date} 的检查记录，等待考核办审核`);
          reload();
        }}
      />
      <section class="stack" aria-labelledby="my-inspections">
        <h2 id="my-inspections">我参加的检查</h2>
        {inspections.length === 0 ? (
          <EmptyState title="本年度还没有检查记录" />
        ) : (
          <DataTable
            caption="我参加的检查"
            captionHidden
            rows={inspections}
            rowKey={(i) => i.id}
            columns={[
              { header: '日期', render: (i) => i.date },
              { header: '单位', render: (i) => names.get(i.unitId) ?? i.unitId },
              { header: '方式', render: (i) => i.kind },
              { header: '发现问题', render: (i) => `${i.findings.length} 条` },
              { header: '状态', render: (i) => INSPECTION_STATE_LABELS[i.state] },
            ]}
          />
        )}
      </section>
      <RectificationList user={user} year={year} names={names} title="整改审核" />
    </div>
  );
};

export const InspectionsPage = ({ user }: { user: Me }) => {
  const [setup] = useResource(() => Promise.all([api.years.list(), api.units.list()]), []);
  if (setup.status === 'loading') return <Loading />;
  if (setup.status === 'error') return <ErrorBanner message={setup.error.message} />;
  const [years, units] = setup.data;
  const year = (years.find((y) => y.state === 'in_progress') ?? years[0])?.year;
  const names = new Map(units.map((u) => [u.id, u.name]));
  if (!year) return <ErrorBanner message="尚无考核年度" />;
  const isAdmin = user.roles.includes('admin');
  const isInspector = user.roles.includes('inspector');
  return (
    <div class="stack">
      <PageHeader title={isAdmin || isInspector ? '检查记录' : '整改通知'}>
        {year} 年度明查暗访、专项检查与整改
      </PageHeader>
      {isAdmin && <ApprovalQueue year={year} names={names} />}
      {isAdmin && <RectificationList user={user} year={year} names={names} overdueOnly title="逾期未整改" />}
      {isInspector && <InspectorView user={user} year={year} names={names} />}
      {!isAdmin && !isInspector && (
        <RectificationList user={user} year={year} names={names} title="本单位整改通知" />
      )}
    </div>
  );
};

/**
 * 检查记录 (明查暗访): the admin's queue of records to approve, overdue rectifications and the year's
 * records (found by unit and state); an inspector's own inspections, the record form and the
 * rectifications to review; a unit's rectification orders.
 */
import { useState } from 'preact/hooks';
import type { Me } from '../../api';
import { api } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PagedTable } from '../../components/PagedTable';
import { PageHeader } from '../../components/PageHeader';
import { ListFilters, matchesUnit } from '../../components/UnitSearch';
import { YearSwitch } from '../../components/YearChoice';
import { useResource } from '../../use-resource';
import { workingYear } from '../agreements/use-years';
import { attachmentsColumn } from '../attachments/AttachmentList';
import { ApprovalQueue } from '../proposals/ApprovalQueue';
import { InspectionForm } from './InspectionForm';
import { INSPECTION_STATE_LABELS, type Inspection, inspectionsApi } from './inspections-api';
import { RectificationList } from './RectificationList';

const STATE_OPTIONS = [['', '全部状态'], ...Object.entries(INSPECTION_STATE_LABELS)] as const;

const todayInShanghai = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * The year's inspection records the user may read (an inspector: those they took part in), with
 * their photos (the team adds or removes them until approval), found by unit name and state.
 */
const InspectionRecords = ({
  year,
  names,
  version,
  caption,
  id,
}: {
  year: number;
  names: Map<string, string>;
  version: number;
  caption: string;
  /** Prefix of the filters' ids (an admin who also inspects sees two lists). */
  id: string;
}) => {
  const [list] = useResource(() => inspectionsApi.list(year), [year, version]);
  const [search, setSearch] = useState('');
  const [state, setState] = useState('');
  if (list.status === 'loading') return <Loading />;
  if (list.status === 'error') return <ErrorBanner message={list.error.message} />;
  if (list.data.length === 0) return <EmptyState title="本年度还没有检查记录" />;
  const unitName = (i: Inspection) => names.get(i.unitId) ?? i.unitId;
  const rows = list.data.filter(
    (i) => matchesUnit(unitName(i), search) && (state === '' || i.state === state),
  );
  return (
    <>
      <ListFilters
        id={id}
        search={search}
        onSearch={setSearch}
        choice={{ label: '状态', value: state, options: STATE_OPTIONS }}
        onChoose={setState}
        shown={rows.length}
        total={list.data.length}
        unit="条"
      />
      <PagedTable
        id={`${id}-table`}
        caption={caption}
        captionHidden
        rows={rows}
        resetKey={`${search}|${state}`}
        unit="条"
        rowKey={(i) => i.id}
        columns={[
          { header: '日期', render: (i) => i.date },
          { header: '单位', className: 'unit-name', render: unitName },
          { header: '方式', render: (i) => i.kind },
          { header: '发现问题', render: (i) => `${i.findings.length} 条` },
          { header: '状态', render: (i) => INSPECTION_STATE_LABELS[i.state] },
          attachmentsColumn<Inspection>(
            'photos',
            (i) => ({ year: i.year, unitId: i.unitId, kind: 'inspection', id: i.id }),
            (i) => i.state === 'submitted',
          ),
        ]}
      />
    </>
  );
};

const InspectorView = ({ user, year, names }: { user: Me; year: number; names: Map<string, string> }) => {
  // The form's data loads once: reloading the list after a save must not unmount the form, whose
  // photo uploads and their status lines outlive the save.
  const [data] = useResource(() => Promise.all([inspectionsApi.checklist(year), api.units.list()]), [year]);
  const [saved, setSaved] = useState<string>();
  const [version, setVersion] = useState(0);
  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorBanner message={data.error.message} />;
  const [checklist, units] = data.data;
  return (
    <div class="stack">
      {saved && <Notice>{saved}</Notice>}
      <InspectionForm
        year={year}
        units={units}
        checklist={checklist}
        today={todayInShanghai()}
        onSaved={(i, uploaded) => {
          setSaved(
            `已提交 ${names.get(i.unitId) ?? i.unitId} ${i.date} 的检查记录${uploaded > 0 ? `（现场照片 ${uploaded} 个）` : ''}，等待考核办审核`,
          );
          setVersion((v) => v + 1);
        }}
      />
      <section class="stack" aria-labelledby="my-inspections">
        <h2 id="my-inspections">我参加的检查</h2>
        <InspectionRecords
          year={year}
          names={names}
          version={version}
          caption="我参加的检查"
          id="my-inspections"
        />
      </section>
      <RectificationList user={user} year={year} names={names} title="整改审核" />
    </div>
  );
};

export const InspectionsPage = ({ user }: { user: Me }) => {
  const [setup] = useResource(() => Promise.all([api.years.list(), api.units.list()]), []);
  // The year lives in the address (`?year=`); a choice re-renders the page with it.
  const [, setChosen] = useState<number>();
  if (setup.status === 'loading') return <Loading />;
  if (setup.status === 'error') return <ErrorBanner message={setup.error.message} />;
  const [years, units] = setup.data;
  const year = workingYear(years);
  const names = new Map(units.map((u) => [u.id, u.name]));
  if (!year) return <ErrorBanner message="尚无考核年度" />;
  const isAdmin = user.roles.includes('admin');
  const isInspector = user.roles.includes('inspector');
  return (
    <div class="stack" key={year}>
      <PageHeader title={isAdmin || isInspector ? '检查记录' : '整改通知'}>
        {year} 年度明查暗访、专项检查与整改
      </PageHeader>
      <YearSwitch id="inspections-year" years={years} value={year} onChange={setChosen} />
      {isAdmin && <ApprovalQueue year={year} names={names} of="inspections" />}
      {isAdmin && <RectificationList user={user} year={year} names={names} overdueOnly title="逾期未整改" />}
      {isAdmin && (
        <section class="stack" aria-labelledby="all-inspections">
          <h2 id="all-inspections">本年度检查记录</h2>
          <InspectionRecords
            year={year}
            names={names}
            version={0}
            caption="本年度检查记录"
            id="year-inspections"
          />
        </section>
      )}
      {isInspector && <InspectorView user={user} year={year} names={names} />}
      {!isAdmin && !isInspector && (
        <RectificationList user={user} year={year} names={names} title="本单位整改通知" />
      )}
    </div>
  );
};

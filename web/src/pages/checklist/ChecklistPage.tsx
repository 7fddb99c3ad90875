/**
 * 检查清单 (明查暗访): the year's checklist items inspectors record findings against. The admin
 * adds and edits items one by one or imports the whole list from a spreadsheet (all rows or none);
 * inspectors and leaders read it.
 */
import { useState } from 'preact/hooks';
import type { Me } from '../../api';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { canEdit } from '../../navigation';
import { useResource } from '../../use-resource';
import { ChecklistItemForm } from './ChecklistItemForm';
import { type ChecklistItem, checklistApi } from './checklist-api';
import { editColumn, useYearChoice } from './edit-parts';
import { ImportForm } from './import-problems';

/** The import sheet's columns A–F, as shared/domain/inspections/checklist-rows.ts reads them. */
const CHECKLIST_COLUMNS = ['编号', '检查内容', '扣分', '扣分指标', '一票否决', '否决类别'] as const;

type Editing = { mode: 'new' } | { mode: 'edit'; code: string } | null;

const focusTable = () => document.getElementById('checklist-title')?.focus();

export const ChecklistPage = ({ user }: { user: Me }) => {
  const editable = canEdit(user.roles, 'checklist');
  const [editing, setEditing] = useState<Editing>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { year, chooser, error: yearsError } = useYearChoice('checklist-year', () => setEditing(null));
  const [list, reload, setList] = useResource(
    async () => (year === undefined ? [] : checklistApi.list(year)),
    [year],
  );

  const open = (next: Editing) => {
    setNotice(null);
    setEditing(next);
  };
  const close = (message: string | null) => {
    setEditing(null);
    setNotice(message);
    setTimeout(focusTable);
  };

  const columns: Column<ChecklistItem>[] = [
    { header: '编号', render: (i) => <code>{i.code}</code> },
    { header: '检查内容', render: (i) => i.text },
    { header: '扣分', className: 'num', render: (i) => (i.veto ? '—' : i.points.toFixed(2)) },
    { header: '扣分指标', render: (i) => i.leafCode },
    {
      header: '一票否决 / 类别',
      render: (i) =>
        i.veto ? <span class="tag tag-veto">一票否决 · {i.vetoCategory ?? '违纪违法案件'}</span> : '—',
    },
    ...(editable
      ? [
          editColumn<ChecklistItem>(
            (i) => `检查项 ${i.code}`,
            (i) => open({ mode: 'edit', code: i.code }),
          ),
        ]
      : []),
  ];

  const items = list.status === 'ready' ? list.data : [];
  const edited = editing?.mode === 'edit' ? items.find((i) => i.code === editing.code) : undefined;

  return (
    <>
      <PageHeader title="检查清单" actions={chooser}>
        <p>
          明查暗访、专项检查所依据的检查项：每项查实后扣减的分值及所扣的责任书指标，或一票否决的类别。
          {editable ? '' : '检查清单由考核办维护。'}
        </p>
      </PageHeader>
      {yearsError && <ErrorBanner title="无法加载考核年度" message={yearsError.message} />}
      {notice && <Notice>{notice}</Notice>}
      {list.status === 'loading' && <Loading />}
      {list.status === 'error' && (
        <ErrorBanner title="无法加载检查清单" message={list.error.message}>
          <button type="button" class="button" onClick={reload}>
            重试
          </button>
        </ErrorBanner>
      )}
      {editable && year !== undefined && editing && (editing.mode === 'new' || edited) && (
        <ChecklistItemForm
          key={edited ? `${edited.code}-${edited.version}` : 'new'}
          year={year}
          item={edited}
          onSaved={(saved, created) => {
            // The answer is the item as stored: put it in the table without reloading the list.
            const rest = items.filter((i) => i.code !== saved.code);
            setList({
              status: 'ready',
              data: [...rest, saved].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true })),
            });
            close(`${created ? '已新增' : '已保存'}检查项 ${saved.code}：${saved.text}`);
          }}
          onCancel={() => close(null)}
          onReload={() => {
            setNotice('已重新加载该检查项的最新内容，请在此基础上修改。');
            reload();
          }}
        />
      )}
      {list.status === 'ready' && year !== undefined && (
        <section class="panel" aria-labelledby="checklist-title">
          <div class="panel-heading">
            <h2 id="checklist-title" tabIndex={-1}>
              {year} 年度检查项（{items.length} 项）
            </h2>
            {editable && !editing && (
              <button type="button" class="button button-primary" onClick={() => open({ mode: 'new' })}>
                新增检查项
              </button>
            )}
          </div>
          {items.length === 0 ? (
            <EmptyState title={`${year} 年度还没有检查清单`}>
              <p>
                {editable
                  ? '请逐项新增检查项，或下载空白模板填写后整表导入。'
                  : '考核办建立检查清单后，这里将列出各检查项及其扣分标准。'}
              </p>
            </EmptyState>
          ) : (
            <DataTable
              caption={`${year} 年度检查清单`}
              captionHidden
              columns={columns}
              rows={items}
              rowKey={(i) => i.code}
            />
          )}
        </section>
      )}
      {editable && year !== undefined && (
        <ImportForm
          id="checklist-file"
          subject="检查清单"
          columns={CHECKLIST_COLUMNS}
          templateName={`检查清单-${year}.csv`}
          onImport={async (upload) => {
            const before = new Map(items.map((i) => [i.code, i.version]));
            const all = await checklistApi.import(year, upload);
            // The route answers the whole checklist: an imported item is new or has a new version.
            const added = all.filter((i) => !before.has(i.code)).length;
            const replaced = all.filter((i) => before.has(i.code) && before.get(i.code) !== i.version).length;
            setEditing(null);
            setList({ status: 'ready', data: all });
            return `已导入 ${added + replaced} 项检查项（新增 ${added} 项，替换 ${replaced} 项），本年度清单现有 ${all.length} 项。`;
          }}
        />
      )}
    </>
  );
};

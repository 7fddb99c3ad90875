/**
 * 指标模板: each category's template for the year, and the Excel round trip — download the blank
 * import workbook or the year's templates, edit, upload. The import is a job (its progress shows and
 * survives a reload); a refused workbook lists every bad cell by sheet, row and column.
 */
import { useState } from 'preact/hooks';
import { type ApiError, api, type Me } from '../../api';
import { type Column, DataTable } from '../../components/DataTable';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { JobProgress } from '../../components/JobProgress';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { formatDateTime } from '../../format';
import { navigate } from '../../router';
import { useJob } from '../../use-job';
import { toApiError, useResource } from '../../use-resource';
import { type TemplateSummary, templatesApi } from '../agreements/agreements-api';
import { defaultYear, useYears, yearFromQuery } from '../agreements/use-years';
import { readUpload } from '../checklist/import-problems';

interface Row {
  categoryId: string;
  categoryName: string;
  template?: TemplateSummary;
  lastYear?: TemplateSummary;
}

/** `指标模板!E5` → sheet, row, column of a refused cell. */
const cellOf = (path: string) => {
  const match = /^(.+)!([A-Z]+)(\d+)$/.exec(path);
  return match ? { sheet: match[1]!, column: match[2]!, row: match[3]! } : null;
};

/** A refused workbook: the message, and each bad cell by sheet, row and column. */
export const WorkbookErrors = ({
  error,
}: {
  error: Pick<ApiError, 'message'> & { details?: ApiError['details'] | undefined };
}) => (
  <ErrorBanner title="工作簿未导入" message={error.message}>
    {error.details && error.details.length > 0 && (
      <div class="table-wrap">
        <table class="data-table workbook-errors">
          <caption>工作簿中的错误（共 {error.details.length} 处）</caption>
          <thead>
            <tr>
              <th scope="col">工作表</th>
              <th scope="col">行</th>
              <th scope="col">列</th>
              <th scope="col">问题</th>
            </tr>
          </thead>
          <tbody>
            {error.details.map((d) => {
              const cell = cellOf(d.path);
              return (
                <tr key={`${d.path}-${d.message}`}>
                  <td data-label="工作表">{cell?.sheet ?? '—'}</td>
                  <td data-label="行" class="num">
                    {cell?.row ?? '—'}
                  </td>
                  <td data-label="列">{cell?.column ?? '—'}</td>
                  <td data-label="问题">{d.message.replace(/^工作表“[^”]+”第 \d+ 行 [A-Z]+ 列/, '')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    )}
  </ErrorBanner>
);

export const Templates = ({ user }: { user: Me }) => {
  const editable = user.roles.includes('admin');
  const [years] = useYears();
  const [chosen, setChosen] = useState<number | undefined>(yearFromQuery);
  const year = chosen ?? (years.status === 'ready' ? defaultYear(years.data) : undefined);
  const [data, reload] = useResource(async () => {
    if (year === undefined) return null;
    const [categories, current, previous] = await Promise.all([
      api.categories.list(),
      templatesApi.list(year),
      templatesApi.list(year - 1).catch(() => [] as TemplateSummary[]),
    ]);
    return categories.map(
      (c): Row => ({
        categoryId: c.id,
        categoryName: c.name,
        template: current.find((t) => t.categoryId === c.id),
        lastYear: previous.find((t) => t.categoryId === c.id),
      }),
    );
  }, [year]);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [importError, setImportError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const run = async (action: () => Promise<string | undefined>) => {
    setBusy(true);
    setError(null);
    setImportError(null);
    setDone(null);
    try {
      const message = await action();
      if (message) setDone(message);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  // The import is a job: a refused start (no file, too large) shows as before; a refused workbook
  // fails the job, which lists its cells.
  const importJob = useJob({ types: ['template-import'], onSucceeded: reload });
  const importFile = async () => {
    if (!file || year === undefined || importJob.running) return;
    setError(null);
    setImportError(null);
    setDone(null);
    try {
      await importJob.launch(`/api/years/${year}/jobs/template-import`, await readUpload(file));
    } catch (e) {
      setImportError(toApiError(e));
    }
  };

  const columns: Column<Row>[] = [
    { header: '单位类别', render: (r) => <strong>{r.categoryName}</strong> },
    {
      header: '模板',
      render: (r) =>
        r.template ? (
          <>
            {r.template.leafCount} 项指标，合计 {r.template.totalW} 分{' '}
            {r.template.problemCount > 0 ? (
              <span class="tag tag-bad">{r.template.problemCount} 处问题</span>
            ) : (
              <span class="tag tag-ok">校验通过</span>
            )}
          </>
        ) : (
          <span class="muted">尚未建立</span>
        ),
    },
    {
      header: '更新',
      render: (r) => (r.template ? <span class="nowrap">{formatDateTime(r.template.updatedAt)}</span> : '—'),
    },
    {
      header: '操作',
      render: (r) => (
        <div class="row-actions">
          {r.template && (
            <Link href={`/templates/${year}/${encodeURIComponent(r.categoryId)}`}>
              {editable ? '编辑' : '查看'}
              <span class="visually-hidden">{r.categoryName}模板</span>
            </Link>
          )}
          {editable && !r.template && r.lastYear && (
            <button
              type="button"
              class="button"
              aria-disabled={busy}
              onClick={() =>
                run(async () => {
                  await templatesApi.copy(year!, r.categoryId, year! - 1);
                  navigate(`/templates/${year}/${encodeURIComponent(r.categoryId)}`);
                  return undefined;
                })
              }
            >
              复制 {year! - 1} 年度模板<span class="visually-hidden">（{r.categoryName}）</span>
            </button>
          )}
          {editable && !r.template && (
            <Link href={`/templates/${year}/${encodeURIComponent(r.categoryId)}`}>
              新建<span class="visually-hidden">{r.categoryName}模板</span>
            </Link>
          )}
          {r.template && (
            <button
              type="button"
              class="button button-quiet"
              onClick={() =>
                run(async () =>
                  templatesApi.download(year!, { categoryId: r.categoryId }).then(() => undefined),
                )
              }
            >
              导出<span class="visually-hidden">{r.categoryName}模板</span>
            </button>
          )}
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="指标模板"
        actions={
          years.status === 'ready' &&
          years.data.length > 1 && (
            <SelectField
              inline
              id="template-year"
              label="考核年度"
              value={year}
              options={years.data.map((y) => [y.year, `${y.year} 年度`] as const)}
              onChange={setChosen}
            />
          )
        }
      >
        <p>
          每个单位类别一套指标模板：一级指标、考核指标及其分值、目标值、评分规则和材料要求，分值合计须为 100。
        </p>
      </PageHeader>
      {done && <Notice>{done}</Notice>}
      {error && <ErrorBanner message={error.message} />}
      {importError && <WorkbookErrors error={importError} />}
      {importJob.error && <ErrorBanner message={importJob.error} />}
      {importJob.job && (
        <JobProgress job={importJob.job} errorView={(failure) => <WorkbookErrors error={failure} />} />
      )}
      {data.status === 'loading' && <Loading />}
      {data.status === 'error' && <ErrorBanner title="无法加载模板" message={data.error.message} />}
      {data.status === 'ready' && data.data && (
        <section class="panel" aria-labelledby="templates-title">
          <h2 id="templates-title">{year} 年度各类别模板</h2>
          <DataTable
            caption="各类别模板"
            captionHidden
            columns={columns}
            rows={data.data}
            rowKey={(r) => r.categoryId}
          />
        </section>
      )}
      {year !== undefined && (
        <section class="panel" aria-labelledby="workbook-title">
          <h2 id="workbook-title">Excel 导入导出</h2>
          <p>
            导出的工作簿与导入表格式相同：导出 → 在 Excel 中修改 →
            导入。整本工作簿全部正确才会导入，否则列出每个错误所在的工作表、行和列。
          </p>
          <div class="panel-actions">
            <button
              type="button"
              class="button"
              onClick={() =>
                run(async () => templatesApi.download(year, { blank: true }).then(() => undefined))
              }
            >
              下载空白导入表
            </button>
            <button
              type="button"
              class="button"
              onClick={() => run(async () => templatesApi.download(year).then(() => undefined))}
            >
              导出 {year} 年度全部模板
            </button>
          </div>
          {editable && (
            <form
              class="import-form"
              onSubmit={(e) => {
                e.preventDefault();
                void importFile();
              }}
            >
              <div class="field">
                <label for="workbook-file">选择要导入的工作簿（.xlsx，不超过 2 MB）</label>
                <input
                  id="workbook-file"
                  type="file"
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
                />
              </div>
              <button type="submit" class="button button-primary" aria-disabled={importJob.running || !file}>
                {importJob.running ? '正在导入…' : '导入工作簿'}
              </button>
            </form>
          )}
        </section>
      )}
    </>
  );
};

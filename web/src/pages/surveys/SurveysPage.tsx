/**
 * 满意度测评: each unit's survey result of a period for one indicator (the rate becomes the
 * indicator's verified value). The admin enters one unit's result or imports them all from a
 * spreadsheet (all rows or none); the leader reads.
 */
import { useState } from 'preact/hooks';
import { SURVEY_COLUMNS } from '../../../../shared/domain/inspections/survey';
import { api, type Me } from '../../api';
import { type Column, DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { SelectField } from '../../components/SelectField';
import { formatDateTime } from '../../format';
import { PERIOD_LABELS } from '../../labels';
import { canEdit } from '../../navigation';
import { useResource } from '../../use-resource';
import { editColumn, useYearChoice } from '../checklist/edit-parts';
import { ImportForm } from '../checklist/import-problems';
import { SurveyEntryForm } from './SurveyEntryForm';
import { formatRate, type Period, type SurveyResult, surveysApi } from './surveys-api';

const PERIODS = Object.entries(PERIOD_LABELS) as [Period, string][];

/** Which result the entry form holds: a new one, or the unit whose result is corrected. */
type Entry = { unitId?: string } | null;

export const SurveysPage = ({ user }: { user: Me }) => {
  const editable = canEdit(user.roles, 'surveys');
  const [chosenPeriod, setPeriod] = useState<Period>('Q4');
  const [chosenCode, setChosenCode] = useState<string>();
  const [entry, setEntry] = useState<Entry>(null);
  const [notice, setNotice] = useState<string | null>(null);
  /** Any other choice closes the entry form and clears the last message. */
  const choose = (apply: () => void = () => undefined) => {
    setEntry(null);
    setNotice(null);
    apply();
  };
  const { year, chooser, error: yearsError } = useYearChoice('survey-year', choose);

  const [setup] = useResource(
    async () => (year === undefined ? null : Promise.all([api.units.list(), surveysApi.indicators(year)])),
    [year],
  );
  const [units, indicators] = setup.status === 'ready' && setup.data ? setup.data : [[], []];
  const indicator = indicators.find((i) => i.code === chosenCode) ?? indicators[0];
  const code = indicator?.code;
  // Only the periods the indicator is assessed in: a result elsewhere would never count.
  const periodOptions = indicator ? PERIODS.filter(([p]) => indicator.periods.includes(p)) : PERIODS;
  const period = periodOptions.some(([p]) => p === chosenPeriod)
    ? chosenPeriod
    : (periodOptions.at(-1)?.[0] ?? chosenPeriod);
  const [results, reload, setResults] = useResource(
    async () => (year === undefined || code === undefined ? [] : surveysApi.list(year, period, code)),
    [year, period, code],
  );

  const names = new Map(units.map((u) => [u.id, u.name]));
  const surveyed = units.filter((u) => indicator?.categoryIds.includes(u.categoryId));
  const rows = results.status === 'ready' ? results.data : [];

  const closeEntry = (message: string | null) => {
    setEntry(null);
    setNotice(message);
    setTimeout(() => document.getElementById('survey-results-title')?.focus());
  };

  const columns: Column<SurveyResult>[] = [
    { header: '单位', render: (r) => names.get(r.unitId) ?? r.unitId },
    { header: '调查人数', className: 'num', render: (r) => r.respondents },
    { header: '满意人数', className: 'num', render: (r) => r.satisfied },
    { header: '满意率', className: 'num', render: (r) => formatRate(r.rate) },
    { header: '录入时间', render: (r) => <span class="nowrap">{formatDateTime(r.at)}</span> },
    ...(editable
      ? [
          editColumn<SurveyResult>(
            (r) => `${names.get(r.unitId) ?? r.unitId}的测评结果`,
            (r) => choose(() => setEntry({ unitId: r.unitId })),
          ),
        ]
      : []),
  ];

  const label = `${PERIOD_LABELS[period]} · ${indicator ? `${indicator.code} ${indicator.name}` : ''}`;
  const loadError = yearsError ?? (setup.status === 'error' ? setup.error : null);

  return (
    <>
      <PageHeader title="满意度测评">
        <p>
          第三方或本局组织的群众满意度调查结果，按单位录入或整表导入；满意率 = 满意人数 ÷ 调查人数，保留 2
          位小数，作为该指标本季度的核定值计分。
        </p>
      </PageHeader>
      {loadError && <ErrorBanner title="无法加载" message={loadError.message} />}
      <div class="filters">
        {chooser}
        <SelectField
          inline
          id="survey-period"
          label="考核期"
          value={period}
          options={periodOptions}
          onChange={(p) => choose(() => setPeriod(p))}
        />
        {indicators.length > 0 && (
          <SelectField
            inline
            id="survey-code"
            label="测评指标"
            value={code}
            options={indicators.map((i) => [i.code, `${i.code} ${i.name}`] as const)}
            onChange={(c) => choose(() => setChosenCode(c))}
          />
        )}
      </div>
      {notice && <Notice>{notice}</Notice>}
      {(setup.status === 'loading' || results.status === 'loading') && <Loading />}
      {results.status === 'error' && (
        <ErrorBanner title="无法加载测评结果" message={results.error.message}>
          <button type="button" class="button" onClick={reload}>
            重试
          </button>
        </ErrorBanner>
      )}
      {setup.status === 'ready' && year !== undefined && !indicator && (
        <EmptyState title={`${year} 年度没有可测评的指标`}>
          <p>满意度测评结果计入比率类指标（如“群众满意率”）。请先在指标模板中设置该指标。</p>
        </EmptyState>
      )}
      {editable && year !== undefined && code && entry && (
        <SurveyEntryForm
          key={`${period}-${code}-${entry.unitId ?? 'new'}`}
          year={year}
          period={period}
          code={code}
          units={surveyed}
          current={rows.find((r) => r.unitId === entry.unitId)}
          onSaved={(saved) => {
            // The answer is the result as stored: put it in the table without reloading the period.
            const others =
              results.status === 'ready' ? results.data.filter((r) => r.unitId !== saved.unitId) : [];
            setResults({ status: 'ready', data: [...others, saved] });
            closeEntry(
              `已保存${names.get(saved.unitId) ?? saved.unitId}的测评结果：满意率 ${formatRate(saved.rate)}`,
            );
          }}
          onCancel={() => closeEntry(null)}
        />
      )}
      {setup.status === 'ready' && results.status === 'ready' && indicator && (
        <section class="panel" aria-labelledby="survey-results-title">
          <div class="panel-heading">
            <h2 id="survey-results-title" tabIndex={-1}>
              {label}（{rows.length} / {surveyed.length} 个单位）
            </h2>
            {editable && !entry && (
              <button type="button" class="button button-primary" onClick={() => choose(() => setEntry({}))}>
                录入一个单位
              </button>
            )}
          </div>
          {rows.length === 0 ? (
            <EmptyState title={`${PERIOD_LABELS[period]}尚无测评结果`}>
              <p>
                {editable
                  ? '可逐个单位录入，或下载空白模板填写后整表导入。'
                  : '考核办录入或导入测评结果后，这里将列出各单位的满意率。'}
              </p>
            </EmptyState>
          ) : (
            <DataTable
              caption={`${label}测评结果`}
              captionHidden
              columns={columns}
              rows={rows}
              rowKey={(r) => r.unitId}
            />
          )}
        </section>
      )}
      {editable && year !== undefined && code && (
        <ImportForm
          id="survey-file"
          subject="测评结果"
          columns={SURVEY_COLUMNS}
          templateName={`满意度测评-${year}-${period}.csv`}
          onImport={async (upload) => {
            const imported = await surveysApi.import(year, period, code, upload);
            setEntry(null);
            reload();
            return `已导入 ${imported.length} 个单位的测评结果（${label}）。`;
          }}
        >
          <p>
            导入到当前选择的考核期和指标：<strong>{label}</strong>。单位编号见“单位管理”。
          </p>
        </ImportForm>
      )}
    </>
  );
};

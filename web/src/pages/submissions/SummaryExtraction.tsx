/**
 * 从工作总结提取: the reporter uploads the unit's work summary (kept as an evidence file of the chosen
 * indicator, through the presigned upload) or pastes it; the server proposes a value per indicator
 * with the sentence it came from (docs/extraction.md). Nothing is saved until the reporter takes a
 * value (采用, or 修改 then 采用); 忽略 hides a row. A taken value is saved as the item's draft with
 * its source (the file or 'pasted', the summary's figure and sentence offsets) for the rater's check.
 */
import { useState } from 'preact/hooks';
import type { ExtractionResponse } from '../../../../shared/schemas/extraction';
import type { ValueSource } from '../../../../shared/schemas/submission';
import { call as send } from '../../api';
import { ErrorBanner } from '../../components/ErrorBanner';
import { toApiError } from '../../use-resource';
import type { EvidenceFile, Ref, SubmissionItem, WorksheetRow } from './submissions-api';
import { submissionsApi } from './submissions-api';
import { precheck, uploadEvidence } from './upload';

type Proposal = ExtractionResponse['proposals'][number];
type Origin = { kind: 'pasted' } | { kind: 'file'; fileId: string };

/** What is stored with a taken value: where the summary came from and what it states. */
const sourceOf = (origin: Origin, p: Proposal): ValueSource => {
  const c = p.value === null ? undefined : p.candidates[p.chosen ?? 0];
  return {
    ...origin,
    value: p.value,
    sentence: c?.sentence ?? null,
    sentenceStart: c?.sentenceStart ?? null,
    start: c?.start ?? null,
    end: c?.end ?? null,
  };
};

const REASONS: Record<string, string> = {
  none: '未找到',
  'planned-only': '只有计划数',
  'approximate-only': '只有约数或范围',
  ambiguous: '有多个不同数值，请核对',
};

const extract = (r: Ref, body: { text: string } | { file: { code: string; fileId: string } }) =>
  send<ExtractionResponse>(
    `/api/years/${r.year}/units/${encodeURIComponent(r.unitId)}/periods/${r.period}/extraction`,
    'POST',
    body,
  );

/** The sentence with the figure marked. */
const Sentence = ({ p }: { p: Proposal }) => {
  const c = p.candidates[p.chosen ?? 0];
  if (!c) return <span class="muted">—</span>;
  const from = c.start - c.sentenceStart;
  const to = c.end - c.sentenceStart;
  return (
    <span>
      {c.sentence.slice(0, from)}
      <mark>{c.sentence.slice(from, to)}</mark>
      {c.sentence.slice(to)}
    </span>
  );
};

interface Props {
  refs: Ref;
  rows: WorksheetRow[];
  /** A value was taken and saved: the card shows it. */
  onTaken: (code: string, item: SubmissionItem) => void;
  /** The summary file was uploaded as evidence of the indicator `code`. */
  onFile: (code: string, file: EvidenceFile) => void;
}

export const SummaryExtraction = ({ refs, rows, onTaken, onFile }: Props) => {
  const [text, setText] = useState('');
  const [origin, setOrigin] = useState<Origin>({ kind: 'pasted' });
  const [fileCode, setFileCode] = useState(rows[0]?.indicator.code ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [proposals, setProposals] = useState<Proposal[] | null>(null);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [done, setDone] = useState<Record<string, '已采用' | '已忽略'>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (from: 'text' | 'file') => {
    setBusy(true);
    setError(null);
    try {
      let body: Parameters<typeof extract>[1] = { text };
      let next: Origin = { kind: 'pasted' };
      if (from === 'file' && file) {
        const refused = precheck(file);
        if (refused) {
          setError(`${file.name}：${refused}`);
          return;
        }
        const stored = await uploadEvidence(refs, fileCode, file, () => undefined);
        onFile(fileCode, stored);
        body = { file: { code: fileCode, fileId: stored.fileId } };
        next = { kind: 'file', fileId: stored.fileId };
      }
      const answer = await extract(refs, body);
      setOrigin(next);
      setProposals(
        answer.proposals.filter(
          (p) => p.measure === 'rate' || p.measure === 'count' || p.measure === 'number',
        ),
      );
      setEdits({});
      setDone({});
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  const take = async (p: Proposal) => {
    const row = rows.find((r) => r.indicator.code === p.code);
    const raw = edits[p.code] ?? (p.value === null ? '' : String(p.value));
    const value = Number(raw);
    if (!row || raw.trim() === '' || !Number.isFinite(value)) {
      setError(`${p.name}：请填写数值`);
      return;
    }
    setError(null);
    try {
      const item = await submissionsApi.save(refs, p.code, {
        value,
        narrative: row.item?.narrative ?? '',
        version: row.item?.version ?? 0,
        source: sourceOf(origin, p),
      });
      onTaken(p.code, item);
      setDone((all) => ({ ...all, [p.code]: '已采用' }));
    } catch (e) {
      setError(`${p.name}：${toApiError(e).message}`);
    }
  };

  const open = (proposals ?? []).filter((p) => !done[p.code]);
  const takeAll = async () => {
    for (const p of open.filter((p) => p.value !== null)) await take(p);
  };

  return (
    <details class="summary-extraction">
      <summary>从工作总结提取</summary>
      <div class="field">
        <label for="summary-file">上传工作总结（Word DOCX 或 PDF，作为证明材料保存）</label>
        <input
          id="summary-file"
          type="file"
          accept=".docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
      </div>
      <div class="field">
        <label for="summary-file-code">材料归入指标</label>
        <select id="summary-file-code" value={fileCode} onChange={(e) => setFileCode(e.currentTarget.value)}>
          {rows.map((r) => (
            <option key={r.indicator.code} value={r.indicator.code}>
              {r.indicator.code} {r.indicator.name}
            </option>
          ))}
        </select>
      </div>
      <button type="button" class="button" disabled={busy || !file} onClick={() => void run('file')}>
        {busy ? '正在提取…' : '上传并提取'}
      </button>
      <label for="summary-text">或粘贴工作总结的文字</label>
      <textarea id="summary-text" rows={6} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <button
        type="button"
        class="button"
        disabled={busy || text.trim() === ''}
        onClick={() => void run('text')}
      >
        {busy ? '正在提取…' : '提取数值'}
      </button>
      {error && <ErrorBanner title="未能完成" message={error} />}
      {proposals && (
        <>
          <div class="table-wrap">
            <table class="data-table">
              <caption>建议值（采用后保存为草稿，仍可在下方修改）</caption>
              <thead>
                <tr>
                  <th scope="col">指标</th>
                  <th scope="col">建议值</th>
                  <th scope="col">工作总结原文</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {proposals.map((p) => (
                  <tr key={p.code}>
                    <th scope="row">{p.name}</th>
                    <td>
                      {done[p.code] ?? (
                        <input
                          aria-label={`${p.name} 建议值`}
                          inputMode="decimal"
                          size={8}
                          value={edits[p.code] ?? (p.value === null ? '' : String(p.value))}
                          placeholder={p.reason ? REASONS[p.reason] : ''}
                          onInput={(e) => setEdits((all) => ({ ...all, [p.code]: e.currentTarget.value }))}
                        />
                      )}
                    </td>
                    <td>
                      <Sentence p={p} />
                    </td>
                    <td>
                      {!done[p.code] && (
                        <>
                          <button type="button" class="button" onClick={() => void take(p)}>
                            采用
                          </button>{' '}
                          <button
                            type="button"
                            class="button"
                            onClick={() => setDone((all) => ({ ...all, [p.code]: '已忽略' }))}
                          >
                            忽略
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {open.some((p) => p.value !== null) && (
            <button type="button" class="button button-primary" onClick={() => void takeAll()}>
              全部采用
            </button>
          )}
        </>
      )}
    </details>
  );
};

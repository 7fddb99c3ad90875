/**
 * The spreadsheet import both the checklist and the survey page offer: a file read to base64 for
 * the import routes, the server's all-or-nothing answer shown as 第 N 行 · 列名 · 问题 for every bad
 * cell, and a blank CSV template with the columns the server reads.
 */
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError } from '../../api';
import { ErrorBanner, Notice } from '../../components/ErrorBanner';
import { toApiError } from '../../use-resource';
import type { Upload } from './checklist-api';

/** The import routes take at most 3,000,000 base64 characters: about 2 MB of file. */
const MAX_BYTES = 2 * 1024 * 1024;

/** The file's bytes in base64 (a data: URL without its prefix), with its name. */
export const readUpload = (file: File): Promise<Upload> =>
  new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve({ fileBase64: url.slice(url.indexOf(',') + 1), fileName: file.name });
    };
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** A spreadsheet's columns by letter (`A` → 编号), as the import route numbers them. */
export type SheetColumns = readonly string[];
const letterOf = (index: number) => String.fromCharCode(65 + index);

export interface RowProblemView {
  row?: number;
  column?: string;
  message: string;
}

/** `row 3 column A` from the API → row 3, column A's header; other details keep only their message. */
export const rowProblems = (error: ApiError, columns: SheetColumns): RowProblemView[] =>
  error.details.map((d) => {
    const match = /^row (\d+) column ([A-Z]+)$/.exec(d.path);
    if (!match) return { message: d.message };
    const letter = match[2]!;
    const header = columns[letter.charCodeAt(0) - 65];
    // The checklist's messages start with the column's name already (`扣分：应为数字`).
    const message = header ? d.message.replace(new RegExp(`^${header}：`), '') : d.message;
    return { row: Number(match[1]), column: header ?? `${letter} 列`, message };
  });

/** Every problem of a refused file, one line each, under the server's summary. */
export const ImportProblems = ({ error, columns }: { error: ApiError; columns: SheetColumns }) => {
  const problems = rowProblems(error, columns);
  const located = problems.some((p) => p.row !== undefined);
  return (
    <ErrorBanner
      title={located ? `文件有 ${problems.length} 处错误，未导入任何内容` : '文件未导入'}
      message={located ? '请在文件中改正以下各处后重新导入：' : error.message}
    >
      {located && (
        <ul class="plain-list import-problems">
          {problems.map((p, k) => (
            <li key={`${k}-${p.row}-${p.column}`}>
              {p.row === undefined ? p.message : `第 ${p.row} 行 · ${p.column} · ${p.message}`}
            </li>
          ))}
        </ul>
      )}
    </ErrorBanner>
  );
};

/** Saves a CSV with just the header row; the BOM makes Excel read the Chinese headers as UTF-8. */
export const downloadBlankCsv = (fileName: string, columns: SheetColumns) => {
  const url = URL.createObjectURL(
    new Blob([`\uFEFF${columns.join(',')}\r\n`], { type: 'text/csv;charset=utf-8' }),
  );
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

interface ImportFormProps {
  id: string;
  /** What the file holds, e.g. 检查清单. */
  subject: string;
  columns: SheetColumns;
  /** The blank template's file name. */
  templateName: string;
  /** Sends the file; resolves to the message saying what was imported. */
  onImport: (upload: Upload) => Promise<string>;
  children?: ComponentChildren;
}

/** A panel with a file input, its import button, and the answer: what was imported, or every bad cell. */
export const ImportForm = ({ id, subject, columns, templateName, onImport, children }: ImportFormProps) => {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    setError(null);
    // Refused here, before reading the file: the route would answer the same.
    if (!file) return setError(new ApiError(0, 'CLIENT', '请先选择要导入的文件'));
    if (file.size > MAX_BYTES) return setError(new ApiError(0, 'CLIENT', '文件超过 2 MB，请拆分后分批导入'));
    setBusy(true);
    try {
      setDone(await onImport(await readUpload(file)));
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>从表格导入{subject}</h2>
      <form class="import-form" onSubmit={submit}>
        {children}
        <p>
          表格首行为列名，依次为：
          {columns.map((c, k) => `${letterOf(k)} 列 ${c}`).join('、')}。
          全部行无误才会导入；有错误时不导入任何内容，并列出每处错误所在的行和列。
        </p>
        <div class="field">
          <label for={id}>选择要导入的文件（.xlsx 或 .csv，不超过 2 MB）</label>
          <input
            id={id}
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
          />
        </div>
        <div class="form-actions">
          <button type="submit" class="button button-primary" aria-disabled={busy}>
            {busy ? '正在导入…' : `导入${subject}`}
          </button>
          <button
            type="button"
            class="button button-quiet"
            onClick={() => downloadBlankCsv(templateName, columns)}
          >
            下载空白模板
          </button>
        </div>
        {done && <Notice>{done}</Notice>}
        {error && <ImportProblems error={error} columns={columns} />}
      </form>
    </section>
  );
};

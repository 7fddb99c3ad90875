/**
 * A plain data table with a caption and column headers. On narrow screens the CSS turns each row
 * into a card and shows the column header beside each value (from `data-label`).
 */
import type { ComponentChildren } from 'preact';

export interface Column<T> {
  header: string;
  render: (row: T) => ComponentChildren;
  /** Class for the cells of this column (e.g. `num` for right-aligned numbers). */
  className?: string;
}

export interface DataTableProps<T> {
  caption: string;
  /** Hide the caption visually when a heading right above says the same. */
  captionHidden?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowClass?: (row: T) => string | undefined;
}

export const DataTable = <T,>({
  caption,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  rowClass,
}: DataTableProps<T>) => (
  <div class="table-wrap">
    <table class="data-table">
      <caption class={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.header} scope="col" class={column.className}>
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} class={rowClass?.(row)}>
            {columns.map((column) => (
              <td key={column.header} data-label={column.header} class={column.className}>
                {column.render(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

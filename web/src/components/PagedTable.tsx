/**
 * A `DataTable` a page at a time, with the pagination below it: the long lists of a city (units,
 * agreements, rankings, inspections) use it where the county's used the plain table.
 */
import { DataTable, type DataTableProps } from './DataTable';
import { Pagination, usePagination } from './Pagination';

interface PagedTableProps<T> extends DataTableProps<T> {
  /** Prefix of the pagination's ids (unique on the page). */
  id: string;
  /** The filters the rows went through: changing them goes back to page 1. */
  resetKey?: string;
  /** How a row is counted in 第 a–b 条，共 n 条. */
  unit?: string;
}

export const PagedTable = <T,>({ id, resetKey = '', unit, ...table }: PagedTableProps<T>) => {
  const paged = usePagination(table.rows, resetKey);
  return (
    <>
      <DataTable {...table} rows={paged.rows} />
      <Pagination id={id} label={table.caption} paged={paged} {...(unit ? { unit } : {})} />
    </>
  );
};

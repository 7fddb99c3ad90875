/**
 * The unit form's values and how API errors land on its fields. Blank contact rows are dropped
 * before saving, so an error on `body.contacts.0.phone` is mapped back to the row the user sees.
 */
import type { ApiError, Unit, UnitInput } from '../api';

export interface ContactRow {
  key: number;
  name: string;
  phone: string;
}

export interface UnitFormValues {
  id: string;
  name: string;
  categoryId: string;
  head: string;
  contacts: ContactRow[];
}

let nextKey = 1;
export const contactRow = (name = '', phone = ''): ContactRow => ({ key: nextKey++, name, phone });

export const emptyValues = (categoryId = ''): UnitFormValues => ({
  id: '',
  name: '',
  categoryId,
  head: '',
  contacts: [contactRow()],
});

export const valuesOf = (unit: Unit): UnitFormValues => ({
  id: unit.id,
  name: unit.name,
  categoryId: unit.categoryId,
  head: unit.head,
  contacts: unit.contacts.map((c) => contactRow(c.name, c.phone)),
});

/** The request body, and for each contact sent the index of its row on screen. */
export const toInput = (values: UnitFormValues): { input: UnitInput; rowOfContact: number[] } => {
  const kept = values.contacts
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.name.trim() || row.phone.trim());
  return {
    input: {
      id: values.id.trim(),
      name: values.name.trim(),
      categoryId: values.categoryId,
      head: values.head.trim(),
      contacts: kept.map(({ row }) => ({ name: row.name.trim(), phone: row.phone.trim() })),
    },
    rowOfContact: kept.map(({ index }) => index),
  };
};

/** Field errors keyed like `name` or `contacts.2.phone` (screen rows), from `details[].path`. */
export const fieldErrors = (error: ApiError, rowOfContact: readonly number[]): Map<string, string> => {
  const errors = new Map<string, string>();
  for (const detail of error.details) {
    const parts = detail.path.replace(/^body\.?/, '').split('.');
    if (parts[0] === 'contacts' && parts.length > 1)
      parts[1] = String(rowOfContact[Number(parts[1])] ?? parts[1]);
    const key = parts.join('.') || 'form';
    if (!errors.has(key)) errors.set(key, detail.message);
  }
  // A duplicate unit id comes back as a 409 without details: it belongs to the id field.
  if (error.code === 'CONFLICT' && errors.size === 0) errors.set('id', error.message);
  return errors;
};

export const fieldId = (key: string): string => `unit-${key.replaceAll('.', '-')}`;

const LABELS: Record<string, string> = {
  id: '单位编号',
  name: '单位名称',
  categoryId: '单位类别',
  head: '单位负责人',
  contacts: '联系人',
};

/** `contacts.1.phone` → 第 2 位联系人的电话. */
export const fieldLabel = (key: string): string => {
  const [field, row, part] = key.split('.');
  if (field === 'contacts' && row !== undefined) {
    return `第 ${Number(row) + 1} 位联系人的${part === 'phone' ? '电话' : '姓名'}`;
  }
  return LABELS[field ?? ''] ?? '表单';
};

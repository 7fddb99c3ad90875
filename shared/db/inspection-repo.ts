/**
 * Access patterns of inspections: the year's checklist, inspection records, their approval (which
 * writes the approved deductions, veto proposals and rectification orders in one transaction) and
 * rectifications.
 */
import { NotFoundError } from '../errors';
import type { DeductionRecord, VetoRecord } from '../schemas/facts';
import type {
  ChecklistItem,
  ChecklistItemInput,
  Inspection,
  Rectification,
  RectificationState,
} from '../schemas/inspection';
import type { Db } from './client';
import { factItems } from './facts-repo';
import { createItem, getItem, queryPrefix, replaceVersioned, type TxItem, transact } from './items';
import {
  checklistItemKey,
  checklistQuery,
  inspectionIndexes,
  inspectionKey,
  inspectionsQuery,
  inspectorInspectionsQuery,
  rectificationIndexes,
  rectificationKey,
  rectificationsByStateQuery,
  unitInspectionsQuery,
  unitRectificationsQuery,
} from './keys';

export const listChecklist = async (db: Db, year: number): Promise<ChecklistItem[]> =>
  (await queryPrefix<ChecklistItem>(db, checklistQuery(year))).sort((a, b) =>
    a.code.localeCompare(b.code, 'en', { numeric: true }),
  );

const checklistItem = (year: number, item: ChecklistItemInput) => ({
  ...checklistItemKey(year, item.code),
  entity: 'checklistItem',
  ...item,
});

/** Creates a checklist item (`version` absent) or replaces it under optimistic locking. */
export const saveChecklistItem = async (
  db: Db,
  year: number,
  item: ChecklistItemInput,
  version?: number,
): Promise<number> => {
  if (version === undefined) {
    await createItem(db, checklistItem(year, item), `检查项编号 ${item.code} 已存在`);
    return 1;
  }
  return replaceVersioned<ChecklistItem>(db, checklistItem(year, item), version);
};

/** Writes a whole imported checklist (validated beforehand); existing codes are replaced. */
export const importChecklist = async (db: Db, year: number, items: ChecklistItemInput[]): Promise<void> => {
  const existing = new Map((await listChecklist(db, year)).map((i) => [i.code, i.version]));
  for (let i = 0; i < items.length; i += 100) {
    await transact(
      db,
      items.slice(i, i + 100).map((item) => ({
        Put: {
          TableName: db.tableName,
          Item: { ...checklistItem(year, item), version: (existing.get(item.code) ?? 0) + 1 },
        },
      })),
      '检查清单正被他人同时修改，请重试',
    );
  }
};

const inspectionItem = (i: Inspection) => ({
  ...inspectionKey(i.year, i.unitId, i.id),
  ...inspectionIndexes(i.year, i.recordedBy, i.date, i.id),
  entity: 'inspection',
  ...i,
});

export const createInspection = (db: Db, inspection: Inspection) =>
  createItem(db, inspectionItem(inspection), '检查记录已存在');

export const getInspection = async (
  db: Db,
  year: number,
  unitId: string,
  id: string,
): Promise<Inspection> => {
  const found = await getItem<Inspection>(db, inspectionKey(year, unitId, id));
  if (!found) throw new NotFoundError('检查记录');
  return found;
};

/** A year's inspections (gsi1), newest first. */
export const listInspections = (db: Db, year: number) =>
  queryPrefix<Inspection>(db, { ...inspectionsQuery(year), descending: true });

/** The inspections one inspector recorded (gsi2), newest first. */
export const listInspectorInspections = (db: Db, year: number, inspectorId: string) =>
  queryPrefix<Inspection>(db, { ...inspectorInspectionsQuery(year, inspectorId), descending: true });

export const listUnitInspections = (db: Db, year: number, unitId: string) =>
  queryPrefix<Inspection>(db, unitInspectionsQuery(year, unitId));

const rectificationItem = (r: Rectification) => ({
  ...rectificationKey(r.year, r.unitId, r.inspectionId, r.n),
  ...rectificationIndexes(r.year, r.state, r.dueDate, r.unitId),
  entity: 'rectification',
  ...r,
});

/** Facts an approval writes beside the decided inspection. */
export interface ApprovalWrites {
  deductions: DeductionRecord[];
  vetoes: (VetoRecord & Record<string, unknown>)[];
  rectifications: Rectification[];
}

/**
 * Records the admin's decision. Approval writes the approved deductions (the engine reads them at
 * once), veto proposals and rectification orders in the same transaction, conditional on the
 * inspection still being the submitted version the admin saw.
 */
export const decideInspection = async (
  db: Db,
  decided: Inspection,
  expectedVersion: number,
  writes: ApprovalWrites,
): Promise<void> => {
  const create = (Item: Record<string, unknown>) => ({
    Put: {
      TableName: db.tableName,
      Item: { version: 1, ...Item },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  const items: TxItem[] = [
    {
      Put: {
        TableName: db.tableName,
        Item: inspectionItem({ ...decided, version: expectedVersion + 1 }),
        ConditionExpression: '#v = :v AND #s = :submitted',
        ExpressionAttributeNames: { '#v': 'version', '#s': 'state' },
        ExpressionAttributeValues: { ':v': expectedVersion, ':submitted': 'submitted' },
      },
    },
    ...writes.deductions.map((d) => create(factItems.deduction(decided.year, d))),
    ...writes.vetoes.map((v) => create(factItems.veto(decided.year, v))),
    ...writes.rectifications.map((r) => create(rectificationItem(r))),
  ];
  await transact(db, items, '检查记录已被他人处理或修改，请刷新后重试');
};

export const getRectification = async (
  db: Db,
  year: number,
  unitId: string,
  id: string,
): Promise<Rectification> => {
  const match = /^(.+)-(\d{1,3})$/.exec(id);
  const found = match
    ? await getItem<Rectification>(db, rectificationKey(year, unitId, match[1] ?? '', Number(match[2])))
    : undefined;
  if (!found) throw new NotFoundError('整改通知');
  return found;
};

export const saveRectification = (db: Db, r: Rectification, expectedVersion: number) =>
  replaceVersioned<Rectification>(db, rectificationItem(r), expectedVersion);

/** A year's rectifications in one state (gsi1), due date first; `dueBefore` keeps the overdue ones. */
export const listRectificationsByState = async (
  db: Db,
  year: number,
  state: RectificationState,
): Promise<Rectification[]> => queryPrefix<Rectification>(db, rectificationsByStateQuery(year, state));

export const listUnitRectifications = (db: Db, year: number, unitId: string) =>
  queryPrefix<Rectification>(db, unitRectificationsQuery(year, unitId));

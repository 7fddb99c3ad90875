/**
 * The calls of the checklist page (明查暗访检查清单), on the shared `apiFetch` (token, one error
 * type). Types only from the shared schemas: no zod in the bundle.
 */
import type { ChecklistItem, ChecklistItemInput } from '../../../../shared/schemas/inspection';
import { call as send } from '../../api';

export type { ChecklistItem, ChecklistItemInput };
export { send };

export const seg = (value: string | number) => encodeURIComponent(String(value));

/** A file read for an import route: its bytes in base64, and its name for the server's messages. */
export interface Upload {
  fileBase64: string;
  fileName: string;
}

export const checklistApi = {
  list: (year: number) => send<ChecklistItem[]>(`/api/years/${seg(year)}/checklist`),
  /** Without `version` the code must be new (409 if taken); with it, that version is replaced (409 if stale). */
  save: (year: number, { code, ...item }: ChecklistItemInput, version?: number) =>
    send<ChecklistItem>(`/api/years/${seg(year)}/checklist/${seg(code)}`, 'PUT', {
      ...item,
      ...(version === undefined ? {} : { version }),
    }),
  /** All rows or none: a 400 lists each bad cell as `row N column X`. Answers the whole checklist. */
  import: (year: number, upload: Upload) =>
    send<ChecklistItem[]>(`/api/years/${seg(year)}/checklist/import`, 'POST', upload),
};

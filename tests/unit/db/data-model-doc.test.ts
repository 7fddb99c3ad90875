/**
 * docs/data-model.md documents the keys the code writes: its key table is the one built from the
 * key functions of shared/db/keys.ts (`npm run docs:keys` rewrites it), and it keeps its glossary.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { keyTable, TABLE_END, TABLE_START } from '../../../scripts/data-model-table';

const page = readFileSync(new URL('../../../docs/data-model.md', import.meta.url), 'utf8');

describe('docs/data-model.md', () => {
  it('shows the key table built from shared/db/keys.ts (run `npm run docs:keys` after changing a key)', () => {
    const documented = page
      .slice(page.indexOf(TABLE_START) + TABLE_START.length, page.indexOf(TABLE_END))
      .trim();
    expect(documented).toBe(keyTable());
  });

  it('lists the period index entries of period submissions and extensions', () => {
    expect(keyTable()).toContain('| `YEAR#<y>#PERIOD#<p>` / `SUBMISSION#<u>` |');
    expect(keyTable()).toContain('| `YEAR#<y>#PERIOD#<p>` / `EXTENSION#<u>` |');
  });

  it('has a glossary section', () => {
    expect(page).toMatch(/^## Glossary$/m);
  });
});

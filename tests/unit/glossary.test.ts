/**
 * The glossary in docs/data-model.md names real things: every policy action, stored key prefix,
 * exported type and function it lists exists in the code, so a rename cannot leave it behind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY } from '../../shared/auth/policy';

const root = resolve(__dirname, '../..');
const glossary = (() => {
  const doc = readFileSync(join(root, 'docs/data-model.md'), 'utf8');
  const start = doc.indexOf('## Glossary');
  const end = doc.indexOf('\n## ', start + 1);
  return doc.slice(start, end === -1 ? undefined : end);
})();
const ticked = [...glossary.matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);

const sourcesUnder = (dir: string): string =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
const shared = sourcesUnder('shared');
const db = sourcesUnder('shared/db');

describe('glossary (docs/data-model.md)', () => {
  it('exists and names the concepts that had two words', () => {
    expect(glossary).toContain('| proposal');
    expect(glossary).toContain('| adjustment');
    expect(glossary).toContain('| deduction');
    expect(glossary).toContain('| submission');
  });

  it('names only policy actions that exist', () => {
    const actions = ticked.filter((t) => /^[a-z]+\.[a-z]+$/.test(t) && !t.endsWith('.ts'));
    expect(actions.length).toBeGreaterThan(10);
    expect(actions.filter((a) => !(a in POLICY))).toEqual([]);
  });

  it('names only key prefixes the data layer writes', () => {
    const prefixes = [...new Set(ticked.flatMap((t) => t.match(/^[A-Z]+#/) ?? []))];
    expect(prefixes.length).toBeGreaterThan(10);
    expect(prefixes.filter((p) => !db.includes(`${p}`))).toEqual([]);
  });

  it('names only types, functions, fields and OpenAPI schemas that shared/ declares', () => {
    const names = ticked.flatMap((t) => t.match(/^([A-Z][a-z]+[A-Za-z]*|[a-z]+[A-Z][A-Za-z]*)$/) ?? []);
    expect(names.length).toBeGreaterThan(10);
    const declared = (n: string) =>
      new RegExp(`export (const|type|interface|class|function|async function) ${n}\\b`).test(shared) ||
      new RegExp(`\\b${n}\\??: `).test(shared) ||
      shared.includes(`.openapi('${n}')`);
    expect([...new Set(names)].filter((n) => !declared(n))).toEqual([]);
  });
});

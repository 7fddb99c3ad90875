/**
 * Every key of the single table is built in shared/db/keys.ts, and every transaction goes through
 * shared/db/items.ts (`tryTransact`, `transact`, the one `TxItem` type). This test reads the source of
 * shared/ and functions/ and fails on a key literal anywhere else: a string or template literal with
 * an upper-case key word beside a `#` (`'ITEM#'`, `` `YEAR#${y}` ``, `'#VERIFY'`). Comments may
 * mention keys; code must call keys.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { attachmentKey, evidenceFileKey, fileCountKey, isEvidenceFileSk } from '../../../shared/db/keys';

const ROOT = join(import.meta.dirname, '../../..');
const KEYS = 'shared/db/keys.ts';

const sourceFiles = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });

/** The source without its comments (block comments, and line comments not inside a string). */
const withoutComments = (source: string) =>
  source
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^(\s*)\/\/.*$/gm, '$1')
    .replace(/([;,{}()])\s*\/\/.*$/gm, '$1');

const LITERAL = /'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g;
const KEY_WORD = /[A-Z][A-Z0-9_]*#|#[A-Z][A-Z0-9_]*/;

/** The key literals of a source text: literals holding an upper-case word joined to a `#`. */
const keyLiterals = (source: string): string[] =>
  (withoutComments(source).match(LITERAL) ?? []).filter((literal) => KEY_WORD.test(literal));

describe('keys in one place', () => {
  it('recognises key literals and leaves attribute names, ids and comments alone', () => {
    const source = [
      "const a = { pk: 'ORG', sk: 'CATEGORY#x' };",
      `const b = \`YEAR#\${year}#UNIT#\${unitId}\`;`,
      "if (sk.endsWith('#VERIFY')) {}",
      "const names = { '#status': 'status' };",
      `const ref = \`\${unit.id}#\${leaf.code}\`;`,
      '// a comment about `ITEM#<period>#<code>`',
      '/** and `FILE#<owner>#` in a block */',
    ].join('\n');
    expect(keyLiterals(source)).toEqual(["'CATEGORY#x'", `\`YEAR#\${year}#UNIT#\${unitId}\``, "'#VERIFY'"]);
  });

  it('runs every transaction through shared/db/items.ts (one helper, one TxItem type)', () => {
    const files = [...sourceFiles('shared'), ...sourceFiles('functions')].filter(
      (f) => f !== 'shared/db/items.ts',
    );
    const direct = files.filter((file) =>
      /\bTransactWriteCommand(Input)?\b/.test(withoutComments(readFileSync(join(ROOT, file), 'utf8'))),
    );
    expect(direct).toEqual([]);
  });

  it('finds no key literal in shared/ or functions/ outside shared/db/keys.ts', () => {
    const files = [...sourceFiles('shared'), ...sourceFiles('functions')].filter((f) => f !== KEYS);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) =>
      keyLiterals(readFileSync(join(ROOT, file), 'utf8')).map(
        (literal) => `${relative('.', file)}: ${literal}`,
      ),
    );
    expect(found).toEqual([]);
  });

  it('tells an evidence file from an attachment and a file count, though all three start with FILE', () => {
    expect(isEvidenceFileSk(evidenceFileKey(2026, 'u', 'Q2', 'A1', 'f').sk)).toBe(true);
    expect(isEvidenceFileSk(attachmentKey(2026, 'u', 'inspection', 'ins-2026-x', 'f').sk)).toBe(false);
    expect(isEvidenceFileSk(fileCountKey(2026, 'u', 'Q2#A1').sk)).toBe(false);
  });
});

/** Rewrites the key table of docs/data-model.md from shared/db/keys.ts (`npm run docs:keys`). */
import { readFileSync, writeFileSync } from 'node:fs';
import { withKeyTable } from './data-model-table';

const PAGE = new URL('../docs/data-model.md', import.meta.url);
writeFileSync(PAGE, withKeyTable(readFileSync(PAGE, 'utf8')));
console.log('docs/data-model.md: key table written');

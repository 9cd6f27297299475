/** `npm run docs:sync`: rewrite the generated blocks of README.md (the reason table). */
import { readFileSync, writeFileSync } from 'node:fs';
import { reasonTableMarkdown } from '../src/classify/reason-table.js';
import { README_PATH, replaceBlock } from '../test/support/readme.js';

const readme = readFileSync(README_PATH, 'utf8');
writeFileSync(README_PATH, replaceBlock(readme, 'reasons', reasonTableMarkdown()));
console.log(`README.md: reason table written (${README_PATH})`);

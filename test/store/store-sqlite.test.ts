import { BACKENDS } from './backends.js';
import { storeSuite } from './store-suite.js';

storeSuite(BACKENDS.find((b) => b.name === 'sqlite') ?? BACKENDS[0]!);

import { defineSweepTests } from './define.js';

defineSweepTests(1, 4);

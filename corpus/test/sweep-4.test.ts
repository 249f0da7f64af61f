import { defineSweepTests } from './define.js';

defineSweepTests(4, 4);

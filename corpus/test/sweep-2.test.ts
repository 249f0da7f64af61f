import { defineSweepTests } from './define.js';

defineSweepTests(2, 4);

import { defineSweepTests } from './define.js';

defineSweepTests(3, 4);

import { cases } from '../cases/large-tools.js';
import { defineInvocationTests, partOf } from './define.js';

defineInvocationTests(partOf(cases, 1, 2));

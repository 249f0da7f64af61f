import { cases } from '../cases/small-tools.js';
import { defineInvocationTests } from './define.js';

defineInvocationTests(cases);

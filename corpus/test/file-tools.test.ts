import { cases } from '../cases/file-tools.js';
import { defineInvocationTests } from './define.js';

defineInvocationTests(cases);

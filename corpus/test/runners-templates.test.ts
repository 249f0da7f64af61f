import { cases } from '../cases/runners-templates.js';
import { defineInvocationTests } from './define.js';

defineInvocationTests(cases);

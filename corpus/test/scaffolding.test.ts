import { cases } from '../cases/scaffolding.js';
import { defineInvocationTests } from './define.js';

defineInvocationTests(cases);

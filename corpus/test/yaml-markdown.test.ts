import { cases } from '../cases/yaml-markdown.js';
import { defineInvocationTests } from './define.js';

defineInvocationTests(cases);

import type { ChaosCase } from '../chaos-case.js';
import { differsCases } from './differs.js';
import { hostDiesCases } from './host-dies.js';
import { misuseCases } from './misuse.js';
import { poisonedCases } from './poisoned.js';
import { worldBrokenCases } from './world-broken.js';

/** Every case of the battery, family by family. */
export const chaosCases: ChaosCase[] = [...hostDiesCases, ...worldBrokenCases, ...poisonedCases, ...differsCases, ...misuseCases];

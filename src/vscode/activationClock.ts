// Imported first by extension.ts, so this timestamp is taken before the rest of the bundle's modules run:
// "activation time" then covers module evaluation as well as activate() itself.
import { performance } from 'node:perf_hooks';

export const moduleStart = performance.now();

// Entry of the catalogue's job worker when the platform runs from its TypeScript sources under tsx (tests,
// `npx tsx`): a worker thread does not inherit tsx's loader, so it registers it before loading the worker.
// Compiled code (dist/) starts job-worker.js directly.
import { register } from 'tsx/esm/api';

register();
await import('./job-worker.ts');

/**
 * First-start demo data (docs/tak.md, "Built-in routes and the demo seed"): every demo order in name order,
 * then one publish.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TakService } from './service.js';

/** Seeds an empty catalogue; returns the number of orders applied (0 when it already had a version). */
export async function seedDemoOrders(service: TakService, dir: string): Promise<number> {
  if ((await service.store.latestVersionId()) !== undefined || !existsSync(dir)) return 0;
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  for (const f of files) {
    try {
      await service.order(JSON.parse(readFileSync(join(dir, f), 'utf8')) as unknown, { dryRun: false, user: `demo:${f}` });
    } catch (e) {
      const problems = (e as { problems?: string[] }).problems ?? [];
      throw new Error(`demo order ${join(dir, f)}: ${(e as Error).message}${problems.length > 1 ? '\n  - ' + problems.join('\n  - ') : ''}`);
    }
  }
  if (files.length > 0) await service.publish('demo-seed', `demo orders: ${files.join(', ')}`);
  return files.length;
}

// The pages the teacher's table judges from: each student's pages (their servers, their load balancer) fetched as
// that student's own check fetches them, from their view of the one inventory. Web requests only (no AWS API
// call), a few students at a time so a class of 40 does not open hundreds of connections at once.
import { scopeInventory } from '../../aws/inventory/scope';
import type { Inventory } from '../../aws/types';
import type { LayoutId } from '../layout';
import { observe } from '../observe';
import type { Observations, WebProbe } from '../types';

/**
 * Students whose pages are fetched at the same time. More is not faster on the practice account: its one thread
 * answers a load balancer's request in ~10 ms, and 40 students' eight samples at once passed the probe's 1 s
 * timeout (a wrong "does not answer"); on AWS the pages are the students' own servers.
 */
export const CLASS_OBSERVE_CONCURRENCY = 8;

export async function observeClass(
  whole: Inventory,
  students: readonly string[],
  web: WebProbe,
  options: { layout?: LayoutId; signal?: AbortSignal; concurrency?: number } = {},
): Promise<Map<string, Observations>> {
  const out = new Map<string, Observations>();
  const queue = [...students];
  const worker = async () => {
    for (let student = queue.shift(); student !== undefined; student = queue.shift()) {
      const view = scopeInventory(whole, student);
      out.set(student, await observe(view, web, options.signal, undefined, options.layout));
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? CLASS_OBSERVE_CONCURRENCY, students.length));
  await Promise.all(Array.from({ length: n }, worker));
  return out;
}

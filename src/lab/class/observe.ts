// The pages the teacher's table judges from: each student's pages (their servers, their load balancer) fetched as
// that student's own check fetches them, from their view of the one inventory. Web requests only (no AWS API
// call), the whole class at once (bounded: a class is at most 60).
import type { ResolvedAccount } from '../../aws/account';
import { scopeInventory } from '../../aws/inventory/scope';
import type { Inventory } from '../../aws/types';
import { createWebProbe } from '../../aws/web';
import type { LayoutId } from '../layout';
import { observe } from '../observe';
import type { Observations, WebProbe } from '../types';

/** Students whose pages are fetched at the same time: a class of 40 at once. */
export const CLASS_OBSERVE_CONCURRENCY = 40;

/**
 * Requests at once to one place. Through an endpoint URL (the practice account) every page goes to that one place,
 * and at the probe's usual 16 a class's pages queued behind its closed servers' 1 s timeouts until they timed out
 * too (a wrong "does not answer"); on AWS each page is its own server.
 */
export const CLASS_WEB_SOCKETS = 128;

/** The web probe for a class's pages. */
export function classWebProbe(account: Pick<ResolvedAccount, 'endpoint'>): WebProbe {
  return createWebProbe(account, { maxSockets: CLASS_WEB_SOCKETS });
}

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

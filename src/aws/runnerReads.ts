// A runner's reads beyond one fetchInventory: a session's reads that share who and where, and a read of the targets
// alone after a step that only registers targets.
import type { AwsClients } from './clients';
import { errorContext } from './clients';
import { AwsError, toAwsProblem } from './errors';
import { fetchInventory } from './inventory';
import { CallFailure, createCaller } from './inventory/calls';
import { refreshTargets } from './inventory/loadBalancing';
import { deepFreeze } from './inventory/shapes';
import type { AccountContext, Inventory, InventoryScope } from './types';

/**
 * A runner's reads in one session (the CLI's run, a bench): the first asks STS who and where, the later ones reuse
 * it, as a run's own reads do (credentials that expire meanwhile still fail the sections' calls). In a class, each
 * read is the student's view.
 */
export function sessionInventory(
  clients: AwsClients,
  signal?: AbortSignal,
  student?: string,
): (scope?: InventoryScope) => Promise<Inventory> {
  let known: AccountContext | undefined;
  return async (scope) => {
    const context = scope?.context ?? known;
    const read = await fetchInventory(clients, {
      ...scope,
      ...(context ? { context } : {}),
      ...(signal ? { abortSignal: signal } : {}),
      ...(student ? { student } : {}),
    });
    known = read.context;
    return read;
  };
}

/** `inventory` with its target groups' targets read again (run/kit.ts: after a step that only registers targets). */
export async function withFreshTargets(
  clients: AwsClients,
  inventory: Inventory,
  signal?: AbortSignal,
): Promise<Inventory> {
  const caller = createCaller(clients, signal);
  const azOf = new Map(inventory.instances.map((i) => [i.id, i.az]));
  try {
    const targetGroups = await refreshTargets(caller, inventory.targetGroups, (id) => azOf.get(id));
    return deepFreeze({ ...inventory, targetGroups, fetchedAt: new Date().toISOString() });
  } catch (error) {
    signal?.throwIfAborted();
    const failure = error instanceof CallFailure ? error : new CallFailure('', error);
    throw new AwsError(toAwsProblem(failure.cause, errorContext(clients.account, failure.action)), {
      cause: failure.cause,
    });
  }
}

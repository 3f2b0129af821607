// How the inventory sends its calls: counted per snapshot, abortable, and tagged with the IAM action they need
// so a failure can name it.
import type { MiddlewareStack } from '@smithy/types';
import type { AwsClients } from '../clients';
import { countRequests } from '../clients';
import { ELB_PACE, pacedCommand, tokenBucket } from '../pacing';

/** One inventory run: the clients, its abort signal, and its own request counter. */
export interface Caller {
  readonly clients: AwsClients;
  readonly signal?: AbortSignal;
  /** Requests this run sent (retries included). */
  readonly calls: () => number;
  /** Attaches the run's counter to a command before it is sent (also the paginators' `withCommand`). */
  readonly counted: <C>(command: C) => C;
  /** Counted, and paced by this read's ELB bucket (pacing.ts): every ELB call of a read goes through it. */
  readonly elbPaced: <C>(command: C) => C;
  /** The SDK's per-call options: the abort signal. */
  readonly options: { abortSignal?: AbortSignal };
}

export function createCaller(clients: AwsClients, signal?: AbortSignal): Caller {
  let calls = 0;
  const onRequest = () => {
    calls += 1;
  };
  const counted = <C>(command: C): C => {
    const stack = (command as { middlewareStack: MiddlewareStack<object, object> }).middlewareStack;
    countRequests(stack, onRequest, 'scaleOutLabInventoryCounter');
    return command;
  };
  const elbToken = tokenBucket(ELB_PACE);
  return {
    clients,
    ...(signal ? { signal } : {}),
    calls: () => calls,
    counted,
    elbPaced: <C>(command: C): C => pacedCommand(counted(command), elbToken),
    options: signal ? { abortSignal: signal } : {},
  };
}

/** A call that failed, with the IAM action it needed ("rds:DescribeDBInstances"). */
export class CallFailure extends Error {
  constructor(
    readonly action: string,
    override readonly cause: unknown,
  ) {
    super(`${action} failed`, { cause });
    this.name = 'CallFailure';
  }
}

/** Several calls of one section that failed together. */
export class SectionFailure extends Error {
  constructor(readonly failures: readonly CallFailure[]) {
    super(failures.map((f) => f.action).join(', '));
    this.name = 'SectionFailure';
  }
}

/** Runs one call (all its pages), naming its IAM action if it fails. */
export async function call<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof CallFailure ? error : new CallFailure(action, error);
  }
}

/** Every page's items in order. */
export async function allPages<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...(items(page) ?? []));
  return out;
}

/**
 * Awaits the calls of one section together so one failure does not hide another (a student fixing the IAM
 * policy wants every missing action at once).
 */
export async function settleAll<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failures: CallFailure[] = [];
  for (const r of results) {
    if (r.status === 'fulfilled') continue;
    const reason: unknown = r.reason;
    if (reason instanceof SectionFailure) failures.push(...reason.failures);
    else if (reason instanceof CallFailure) failures.push(reason);
    else throw reason;
  }
  if (failures.length > 0) throw new SectionFailure(failures);
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}

/** Maps items with at most `limit` in flight: per-resource calls (listeners, target health) stay polite to AWS. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const failures: unknown[] = [];
  const worker = async () => {
    while (next < items.length && failures.length === 0) {
      const i = next++;
      try {
        out[i] = await fn(items[i] as T);
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failures.length > 0) throw failures[0];
  return out;
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

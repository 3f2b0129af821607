// How the lab's write helpers call AWS: with the run's abort signal, tolerating the error codes that mean
// "already done" (an idempotent rerun), and turning every other failure into an AwsError that names the IAM
// action, as the inventory does.
import type { AwsClients } from '../clients';
import { errorContext } from '../clients';
import { AwsError, toAwsProblem } from '../errors';

/** The clients and the signal of one run. */
export interface Aws {
  readonly clients: AwsClients;
  readonly signal: AbortSignal;
}

/** An SDK error's code ("InvalidGroup.Duplicate", "LoadBalancerNotFound"), from its name or Code. */
export function errorCode(error: unknown): string | undefined {
  const e = error as { name?: unknown; Code?: unknown; code?: unknown } | null;
  for (const v of [e?.Code, e?.name, e?.code]) if (typeof v === 'string' && v !== 'Error') return v;
  return undefined;
}

/**
 * Runs one call. `tolerate` maps error codes to the value to return instead (a duplicate on a rerun is not a
 * failure); an abort rejects with the signal's reason; anything else is an AwsError for `action`.
 */
export async function call<T>(
  aws: Aws,
  action: string,
  run: (options: { abortSignal: AbortSignal }) => Promise<T>,
  tolerate: Readonly<Record<string, () => T>> = {},
): Promise<T> {
  aws.signal.throwIfAborted();
  try {
    return await run({ abortSignal: aws.signal });
  } catch (error) {
    if (aws.signal.aborted) throw aws.signal.reason;
    const code = errorCode(error);
    const instead = code ? tolerate[code] : undefined;
    if (instead) return instead();
    if (error instanceof AwsError) throw error;
    throw new AwsError(toAwsProblem(error, errorContext(aws.clients.account, action)), { cause: error });
  }
}

/** Tags as the APIs take them, Name first. */
export function tagList(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

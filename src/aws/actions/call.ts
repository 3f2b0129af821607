// How the lab's write helpers call AWS: with the run's abort signal, tolerating the error codes that mean
// "already done" (an idempotent rerun), and turning every other failure into an AwsError that names the IAM
// action, as the inventory does.
import type { MiddlewareStack } from '@smithy/types';
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
 * An attempt that got no answer at all (connection closed, timed out): AWS may have done the work. Wrapped so the
 * SDK does not repeat it blindly (the wrapper is no transient error, and has no `cause` the SDK would follow).
 */
class UnansweredAttempt extends Error {
  constructor(readonly unanswered: unknown) {
    super('an attempt got no answer');
    this.name = 'UnansweredAttempt';
  }
}

function unanswered(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } } | null;
  if (!e || e.name === 'AbortError') return false;
  // Refused: the request never reached AWS, so repeating it is safe.
  if (e.code === 'ECONNREFUSED') return false;
  return e.$metadata?.httpStatusCode === undefined;
}

/**
 * For a create that has no ClientToken (AllocateAddress, CreateSnapshot, CreateSecurityGroup, …): the SDK still
 * retries throttling and 5xx answers (nothing was done), but not an attempt whose answer never came, which may
 * have created the resource; the call fails instead, and the rerun finds that resource by its tags.
 */
export function notRepeatedUnanswered<C extends { middlewareStack: unknown }>(command: C): C {
  (command.middlewareStack as MiddlewareStack<object, object>).add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (error) {
        throw unanswered(error) ? new UnansweredAttempt(error) : error;
      }
    },
    { step: 'deserialize', name: 'scaleOutLabNotRepeatedUnanswered', priority: 'high' },
  );
  return command;
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
  } catch (thrown) {
    if (aws.signal.aborted) throw aws.signal.reason;
    const error = thrown instanceof UnansweredAttempt ? thrown.unanswered : thrown;
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

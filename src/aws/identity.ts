// Who the clients talk to: the account ID and caller (sts:GetCallerIdentity), and whether the endpoint is the
// practice account (its API answers carry PRACTICE_HEADER), so a command can name the account before acting.
// An endpoint that answers 200 with something else (a web page, a proxy's portal) is not an account at all.
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { MiddlewareStack } from '@smithy/types';
import { PRACTICE_HEADER } from '../practice/core/constants';
import type { AwsClients } from './clients';
import { errorContext } from './clients';
import { AwsError, toAwsProblem } from './errors';

export interface AccountIdentity {
  readonly accountId: string;
  readonly callerArn: string;
  /** The endpoint is a practice server (also when reached through --endpoint-url). */
  readonly practiceServer: boolean;
}

/** Asks STS who we are; throws AwsError (network, code NotAws) when the answer is not an AWS one. */
export async function identifyAccount(
  clients: Pick<AwsClients, 'sts' | 'account'>,
  signal?: AbortSignal,
): Promise<AccountIdentity> {
  let practiceServer = false;
  const command = new GetCallerIdentityCommand({});
  // The raw response's headers, before the SDK parses the body away.
  (command.middlewareStack as unknown as MiddlewareStack<object, object>).add(
    (next) => async (args) => {
      const out = await next(args);
      const headers = (out as { response?: { headers?: Record<string, string> } }).response?.headers ?? {};
      practiceServer = headers[PRACTICE_HEADER] === '1';
      return out;
    },
    { step: 'deserialize', name: 'scaleOutLabPracticeHeader', priority: 'high' },
  );
  let answer;
  try {
    answer = await clients.sts.send(command, signal ? { abortSignal: signal } : {});
  } catch (error) {
    signal?.throwIfAborted();
    throw new AwsError(toAwsProblem(error, errorContext(clients.account, 'sts:GetCallerIdentity')), { cause: error });
  }
  // AWS (and moto, LocalStack, the practice account) always name a 12-digit account.
  if (!/^\d{12}$/.test(answer.Account ?? '')) {
    const endpoint = clients.account.endpoint;
    throw new AwsError({ kind: 'network', ...(endpoint ? { endpoint } : {}), code: 'NotAws', status: 200 });
  }
  return { accountId: answer.Account ?? '', callerArn: answer.Arn ?? '', practiceServer };
}

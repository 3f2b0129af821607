// How a service is described to the server: its wire dialect, and one table of actions, each the
// SDK's operation schema (for parsing the input and writing the output) and a handler.
import type { Dialect, OperationSchema } from './protocol';
import type { RegionState } from './records';
import type { World } from './world';

export interface RequestContext {
  readonly world: World;
  /** The region the request was signed for. */
  readonly region: string;
  /** That region's records (an empty region reads as empty). */
  readonly records: RegionState;
  readonly requestId: string;
  readonly now: Date;
}

export interface ActionDefinition {
  readonly operation: OperationSchema;
  readonly handle: (input: unknown, context: RequestContext) => object | Promise<object>;
}

/** Binds a handler to its operation; `I` and `O` are the SDK's request and result types. */
export function action<I, O extends object>(
  operation: OperationSchema,
  handle: (input: I, context: RequestContext) => O | Promise<O>,
): ActionDefinition {
  return { operation, handle: (input, context) => handle(input as I, context) };
}

export interface ServiceDefinition {
  /** The SigV4 signing name in the credential scope, e.g. `ec2`, `elasticloadbalancing`. */
  readonly signingName: string;
  /**
   * What faults name it by when its signing name is another service's too (ELB v1: `elb`, beside ELBv2's
   * `elasticloadbalancing`), so `elasticloadbalancing:DescribeLoadBalancers` fails the ALBs' list only.
   */
  readonly faultName?: string;
  readonly dialect: Dialect;
  /** The API version the clients send (`Version=`), used to route unsigned requests. */
  readonly version: string;
  readonly xmlns: string;
  /** The `json` dialect's error `__type` namespace (`com.amazonaws.cloudwatch`) and shape names by query code. */
  readonly json?: { readonly namespace: string; readonly errorShapes: Readonly<Record<string, string>> };
  readonly actions: Readonly<Record<string, ActionDefinition>>;
}

// The codes of seed 001's Classic Load Balancer (steps 1.6-1.10 with a CLB), kept apart from codes.ts, which
// spreads them into its lists. Fixes reuse codes.ts's (enableAz, registerTarget, setHealthCheckPath, ...) with the
// load balancer's name and `classic` in their arguments; only the egress rule is new.
export const CLASSIC_REASON_CODES = [
  'clb.missing',
  'clb.internal',
  'clb.noHttpListener',
  'clb.azNotEnabled',
  'clb.oneAz',
  'clb.instanceMissing',
  'clb.outOfService',
  'clb.registering',
  'clb.groupNoEgress',
  'clb.healthCheckPath',
  'clb.instanceGone',
  'clb.unknown',
  'clb.noInstances',
  'run.classicNeedsTwoAzs',
] as const;

export const CLASSIC_FIX_CODES = ['authorizeEgress'] as const;

export const CLASSIC_PROGRESS_CODES = [
  'progress.createClassicLoadBalancer',
  'progress.configureHealthCheck',
  'progress.registerInstances',
  'progress.waitInService',
] as const;

/** A fix's marker argument: the fix is for the Classic Load Balancer named in `loadBalancerName`. */
export const CLASSIC_ARG = 'classic';

/** 1.6's choice of load balancer (seed 001's layout proposes the CLB). */
export const CLASSIC_OPTION_CODES = [
  'option.balancerKind',
  'choice.applicationLoadBalancer',
  'choice.classicLoadBalancer',
] as const;

// Seed 001's Classic Load Balancer in words: why 1.6-1.10 are not done with a CLB, the choice of load balancer 1.6
// asks, and what its runner does. reasons.ts, options.ts and progress.ts fall back here. English templates are keys
// of l10n/bundle.l10n.ja.json.
import type { Translate } from '../translate';
import { type Args, type ArgOf, arg } from './argText';

/** The reasons of steps 1.6-1.10 with a Classic Load Balancer; undefined for others. */
export function classicReasonText(code: string, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'clb.missing':
      return t(
        'There is no Classic Load Balancer holding {0} and {1}. Run step 1.6, or create one (Load Balancers > Create load balancer > Classic Load Balancer, previous generation).',
        a('webServer'),
        a('clone'),
      );
    case 'clb.internal':
      return t(
        'Classic Load Balancer {0} is internal: it cannot be reached from the internet. The scheme cannot change: delete it and create an internet-facing one.',
        a('name'),
      );
    case 'clb.noHttpListener':
      return t(
        'Classic Load Balancer {0} has no listener HTTP:{1} to instance port HTTP:{1}. Add it (Listeners > Edit listeners: HTTP, {1}, HTTP, {1}).',
        a('name'),
        a('port'),
      );
    case 'clb.azNotEnabled':
      return t(
        'Classic Load Balancer {0} is enabled in {1} only: {2} in {3} gets no traffic and stays OutOfService. Add {3} (Network mapping > Edit subnets: the subnet of {3}).',
        a('name'),
        a('enabled'),
        a('instance'),
        a('az'),
      );
    case 'clb.oneAz':
      return t(
        'Classic Load Balancer {0} is enabled in one Availability Zone only ({1}): if it fails, nothing answers. Enable a second AZ (Network mapping > Edit subnets).',
        a('name'),
        a('enabled'),
      );
    case 'clb.instanceMissing':
      return t(
        '{1} ({2}) is not registered on the Classic Load Balancer {0}. Register it (Instances > Manage instances).',
        a('name'),
        a('instance'),
        a('id'),
      );
    case 'clb.outOfService':
      return a('description')
        ? t(
            '{1} on {0} is {3} ({4}). See step 1.7 for the cause and the fix.',
            a('name'),
            a('instance'),
            a('id'),
            a('state'),
            a('description'),
          )
        : t(
            '{1} on {0} is {3}. See step 1.7 for the cause and the fix.',
            a('name'),
            a('instance'),
            a('id'),
            a('state'),
          );
    case 'clb.registering':
      return t(
        '{1} on {0}: registration is still in progress. It is InService after {4} passed health checks, every {3} seconds: about {2} seconds. Wait.',
        a('name'),
        a('instance'),
        a('seconds'),
        a('interval'),
        a('threshold'),
      );
    case 'clb.groupNoEgress':
      return t(
        "The security group {3} of Classic Load Balancer {1} allows no outbound TCP {2} to {0}, so its health checks never reach it. Add the outbound rule: Custom TCP, port {2}, destination the web servers' security group, to {3} ({4}).",
        a('instance'),
        a('name'),
        a('port'),
        a('groupName'),
        a('groupId'),
      );
    case 'clb.healthCheckPath':
      return t(
        'The health check {2} of {1} does not answer 200 on {0} (got {4}): the page {3} is not served. Put a page there, or change the ping path (Health check > Edit health check).',
        a('instance'),
        a('name'),
        a('target'),
        a('path'),
        a('status'),
      );
    case 'clb.instanceGone':
      return t(
        '{0} is registered on {2} but no longer exists. Deregister it (Instances > Manage instances).',
        a('instance'),
        a('id'),
        a('name'),
      );
    case 'clb.unknown':
      return t(
        '{0} is {2} ({3}: {4}), and the account shows no cause: check that httpd runs on {0} (sudo systemctl status httpd).',
        a('instance'),
        a('id'),
        a('state'),
        a('reasonCode'),
        a('description'),
      );
    case 'clb.noInstances':
      return t(
        'No instance is registered on the Classic Load Balancer {0}. Register both web servers (Instances > Manage instances).',
        a('name'),
      );
    case 'run.classicNeedsTwoAzs':
      return t(
        "The Classic Load Balancer needs a subnet in each web server's Availability Zone, and the VPC has none in {0}.",
        a('az'),
      );
  }
  return undefined;
}

export function classicOptionText(code: string, args: Args, t: Translate): string | undefined {
  void args;
  switch (code) {
    case 'option.balancerKind':
      return t('Which load balancer?');
    case 'choice.applicationLoadBalancer':
      return t('Application Load Balancer (recommended)');
    case 'choice.classicLoadBalancer':
      return t('Classic Load Balancer (seed 001)');
  }
  return undefined;
}

export function classicProgressText(code: string, args: Args, t: Translate): string | undefined {
  const a = (key: string) => arg(args, key);
  switch (code) {
    case 'progress.createClassicLoadBalancer':
      return t('Creating Classic Load Balancer {0} in {1} (HTTP 80 to 80)', a('name'), a('azs'));
    case 'progress.configureHealthCheck':
      return t(
        'Health check {0}: every {1} s, timeout {2} s, healthy after {3}, unhealthy after {4}',
        a('target'),
        a('interval'),
        a('timeout'),
        a('healthy'),
        a('unhealthy'),
      );
    case 'progress.registerInstances':
      return t('Registering {0} on {1}', a('names'), a('name'));
    case 'progress.waitInService':
      return t('Waiting for {0} to be InService on {1} (up to about {2} s)', a('names'), a('name'), a('seconds'));
  }
  return undefined;
}

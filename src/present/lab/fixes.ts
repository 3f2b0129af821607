// The one-click repairs as their buttons and the CLI name them (Fix codes: allow a port, enable an AZ, start an
// instance, ...). English templates are keys of l10n/bundle.l10n.ja.json.
import type { Translate } from '../translate';
import { arg, portText } from './argText';
import type { FixCode } from '../../lab/codes';
import type { Fix } from '../../lab/types';

export function fixTitle(f: Fix, t: Translate): string {
  const a = (key: string) => arg(f.args, key);
  const code = f.code as FixCode;
  switch (code) {
    case 'authorizeIngress':
      return a('sourceGroupId')
        ? t('Allow TCP {0} from {1} in {2}', a('port'), a('sourceGroupName') || a('sourceGroupId'), a('groupName'))
        : t('Allow TCP {0} from {1} in {2}', a('port'), a('cidr'), a('groupName'));
    case 'authorizeEgress':
      return t(
        'Allow outbound TCP {0} to {1} in {2}',
        a('port'),
        a('sourceGroupName') || a('sourceGroupId'),
        a('groupName'),
      );
    case 'revokeIngress':
      return t(
        'Remove {0} from {1} in {2}',
        portText(a('protocol'), a('fromPort'), a('toPort'), t),
        a('source'),
        a('groupName'),
      );
    case 'enableAz':
      return t('Enable {0} on {1}', a('az'), a('name'));
    case 'startInstance':
      return t('Start {0}', a('name'));
    case 'setHealthCheckPath':
      return t('Set the health-check path of {0} to {1}', a('targetGroup'), a('path'));
    case 'registerTarget':
      return t('Register {0} in {1}', a('name'), a('targetGroup'));
    case 'deregisterTarget':
      return t('Deregister {0} from {1}', a('instanceId'), a('targetGroup'));
    case 'associateAddress':
      return a('allocationId')
        ? t('Associate Elastic IP {0} with {1}', a('publicIp'), a('name'))
        : t('Allocate an Elastic IP for {0}', a('name'));
    case 'forwardToTargetGroup':
      return t('Forward HTTP:{0} of {1} to {2}', a('port'), a('name'), a('targetGroup'));
    case 'ownLoadBalancerGroup':
      return t(
        'Give {0} its own security group {1} (HTTP 80 from anywhere) and admit it in {2}',
        a('name'),
        a('groupName'),
        a('webGroupName'),
      );
    case 'attachGateway':
      return a('gatewayId')
        ? t('Attach the internet gateway {0} to {1}', a('gatewayId'), a('vpc'))
        : t('Create an internet gateway and attach it to {0}', a('vpc'));
    case 'routeToInternet':
      return t('Make {0} public: route it to the internet gateway', a('subnet'));
    case 'routePrivately':
      return t('Make {0} private: a route table without the internet gateway', a('subnet'));
    case 'releaseAddress':
      return t('Release the Elastic IP {0} of {1}', a('publicIp'), a('name'));
    case 'moveToSubnet':
      return t('Put {0} in the public subnet {1} instead', a('name'), a('toSubnetName'));
  }
  return f.code;
}

// Track 4's reasons: what is wrong with the VPC (4.1) and why a subnet is not what its name says (4.2), always
// from its route table's 0.0.0.0/0 route; and why 4.1's runner stopped. reasons.ts dispatches here.
import type { Translate } from '../translate';
import type { ArgOf } from './argText';
import type { ReasonCode } from '../../lab/codes';

export function networkReasonText(code: ReasonCode, a: ArgOf, t: Translate): string | undefined {
  switch (code) {
    case 'vpc.missing':
      return t(
        'There is no VPC {0} yet. Create it with "VPC and more" in the VPC console (or run this step): two public and two private subnets over two AZs, an internet gateway and the route tables.',
        a('name'),
      );
    case 'vpc.noSubnets':
      return t('The VPC {0} has no subnets. Create two public and two private subnets over two AZs.', a('vpc'));
    case 'vpc.oneAz':
      return t(
        "All of {0}'s subnets are in {1}. A load balancer and a Multi-AZ database need subnets in two Availability Zones: add subnets in another AZ.",
        a('vpc'),
        a('az'),
      );
    case 'vpc.noGateway':
      return t(
        'No internet gateway is attached to {0}: nothing in it can reach the internet, whatever the subnets are called. Create an internet gateway and attach it to the VPC.',
        a('vpc'),
      );
    case 'vpc.gatewayDetached':
      return t(
        'The internet gateway {0} exists but is not attached to {1} (the console creates and attaches in two steps). Attach it: Actions > Attach to VPC.',
        a('gateway'),
        a('vpc'),
      );
    case 'note.natGateway':
      return t(
        'The NAT gateway {0} in {1} bills by the hour even when idle (and its Elastic IP too). The lab does not need one: delete it when you are done.',
        a('nat'),
        a('vpc'),
      );
    case 'subnet.noInternetRoute':
      return t(
        '{0} is private, not public: its route table {1} has no 0.0.0.0/0 route to an internet gateway. A subnet is public because of its route table, not its name: associate it with the public route table.',
        a('subnet'),
        a('table'),
      );
    case 'subnet.mainTableNoRoute':
      return t(
        "{0} is private, not public: it has no route table of its own, so it uses the VPC's main table {1}, which has no route to the internet gateway. Associate it with the public route table.",
        a('subnet'),
        a('table'),
      );
    case 'subnet.blackhole':
      return t(
        "{0} is private, not public: its route table {1} sends 0.0.0.0/0 to {2}, which is no longer attached to the VPC (the route is a blackhole). Point the route at the VPC's internet gateway.",
        a('subnet'),
        a('table'),
        a('gateway'),
      );
    case 'subnet.natOnly':
      return t(
        '{0} is private, not public: its route table {1} sends 0.0.0.0/0 to the NAT gateway {2}, which lets instances out but nobody in. Associate it with the public route table.',
        a('subnet'),
        a('table'),
        a('nat'),
      );
    case 'subnet.privateRoutesToInternet':
      return t(
        '{0} is meant to be private, but its route table {1} sends 0.0.0.0/0 to the internet gateway {2}: it is public. Give it a route table without that route.',
        a('subnet'),
        a('table'),
        a('gateway'),
      );
    case 'subnets.publicZones':
      return t(
        '{0} has public subnets (a route to the internet gateway) in {1} Availability Zone(s); the load balancer needs two. Make a subnet in another AZ public.',
        a('vpc'),
        a('count'),
      );
    case 'subnets.privateZones':
      return t(
        '{0} has private subnets in {1} Availability Zone(s); the database tier needs two. Add a private subnet in another AZ.',
        a('vpc'),
        a('count'),
      );
    case 'note.noAutoPublicIp':
      return t(
        'Auto-assign public IPv4 is off on {0}: an instance launched there gets no public address unless you turn it on at launch (as the handout does) or on the subnet (Actions > Edit subnet settings).',
        a('subnet'),
      );
    case 'webTier.missing':
      return t(
        'There is no web server in {0} yet. Launch {1} in the public subnet of AZ a with "Auto-assign public IP" enabled and a security group admitting HTTP (80) and SSH (22), or run this step.',
        a('vpc'),
        a('name'),
      );
    case 'webTier.privateSubnet':
      return t(
        '{0} is in {1}, a private subnet (its route table has no route to the internet gateway): nobody outside can reach it. An instance cannot change subnets: terminate it and launch it again in a public subnet.',
        a('name'),
        a('subnet'),
      );
    case 'webTier.noPublicIp':
      return t(
        '{0} has no public IPv4 address, so its page cannot be reached from your computer even in a public subnet. Give it an Elastic IP (or launch it again with "Auto-assign public IP" enabled).',
        a('name'),
      );
    case 'privateTier.noLoadBalancer':
      return t('There is no application load balancer in {0} yet: do track 1 inside it first (step 1.6).', a('vpc'));
    case 'privateTier.noPrivateTargets':
      return t(
        "{0} sends no traffic to a server in a private subnet: every target of {1} is in a public subnet. Launch web servers from the lab's AMI in the private subnets and register them (or run this step).",
        a('name'),
        a('targetGroup'),
      );
    case 'privateTier.elasticIp':
      return t(
        '{0} is in a private subnet but holds the Elastic IP {1}: nothing routes from the internet to it, and it bills by the hour. Release it.',
        a('name'),
        a('publicIp'),
      );
    case 'privateTier.publicIp':
      return t(
        '{0} is in a private subnet but has the public address {1} (its subnet auto-assigns one): it reaches nothing and bills. Launch it again with "Auto-assign public IP" disabled, and turn the setting off on the private subnets.',
        a('name'),
        a('publicIp'),
      );
    case 'privateTier.targetNotHealthy':
      return t('{0} in {1} is {2}, not healthy: see step 1.7 for why.', a('name'), a('targetGroup'), a('state'));
    case 'privateTier.oneAz':
      return t(
        'The healthy private servers behind {0} are all in {1}: put one in the private subnet of another AZ, so the site survives the loss of an AZ.',
        a('name'),
        a('az'),
      );
    case 'privateTier.noAnswer':
      return t('{0} gave no answer ({1}) although its private targets are healthy.', a('name'), a('error'));
    case 'note.publicTargetRemains':
      return t(
        '{0} in a public subnet is still registered in {1} and still reachable directly: deregister and terminate it once the private servers serve the site.',
        a('name'),
        a('targetGroup'),
      );
    case 'run.cidrTaken':
      return t(
        'The subnet CIDR {0} overlaps the existing subnet {1} ({2}). Delete that subnet, or build the layout in another VPC.',
        a('cidr'),
        a('subnet'),
        a('subnetCidr'),
      );
    case 'run.cidrOutsideVpc':
      return t(
        "The subnet CIDR {0} is not inside {1}'s CIDR {2}. Choose the VPC CIDR 10.0.0.0/16 of the handout.",
        a('cidr'),
        a('vpc'),
        a('vpcCidr'),
      );
    case 'run.noLabVpc':
      return t(
        'The handout you follow puts the web servers in its own VPC, and there is none yet: do step 4.1 first (or follow the default-VPC handout).',
      );
    case 'run.notInHandout':
      return t(
        "Step {0} is not in the handout you follow: its web servers serve WordPress from the database, the same page on both, so there is no page of one server to edit or to tell apart. The target group's health (step 1.7) shows that both serve.",
        a('step'),
      );
    case 'run.noPublicSubnetInAz':
      return t(
        'There is no public subnet in {0} in {1} (a subnet whose route table reaches the internet gateway): do step 4.2, or choose another AZ.',
        a('az'),
        a('vpc'),
      );
    case 'run.noTwoZones':
      return t('Choose two different Availability Zones of {0} for the subnets.', a('region'));
  }
  return undefined;
}

// One inventory indexed for building its rows: lookups by id the parts of the tree share (a target's instance,
// an instance's subnet, a security group's name, a target group by ARN), the ARNs the copy commands offer, and
// the translator and the lab's diagnoses. Built once per tree, so each part stays a plain function of it.
import type {
  Instance,
  InternetGateway,
  Inventory,
  NatGateway,
  RouteTable,
  Subnet,
  TargetGroup,
} from '../../aws/types';
import type { Translate } from '../translate';
import { isPublicReach, subnetReach, type SubnetReach } from './reach';
import type { TargetDiagnoses } from './state';
import { mdCode, mdText } from './text';

export class InventoryIndex {
  readonly region: string;
  private readonly partition: string;
  readonly instances: ReadonlyMap<string, Instance>;
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly groupNames: ReadonlyMap<string, string>;
  private readonly targetGroups: ReadonlyMap<string, TargetGroup>;
  readonly routeTables: ReadonlyMap<string, RouteTable>;
  readonly internetGateways: ReadonlyMap<string, InternetGateway>;
  readonly natGateways: ReadonlyMap<string, NatGateway>;
  /** Each subnet's public/private verdict from its route table, by subnet id. */
  readonly reaches: ReadonlyMap<string, SubnetReach>;

  constructor(
    readonly inv: Inventory,
    readonly t: Translate,
    readonly diagnoses: TargetDiagnoses,
  ) {
    this.region = inv.context.region;
    this.partition = inv.context.region.startsWith('cn-')
      ? 'aws-cn'
      : inv.context.region.startsWith('us-gov-')
        ? 'aws-us-gov'
        : 'aws';
    this.instances = new Map(inv.instances.map((i) => [i.id, i]));
    this.subnets = new Map(inv.subnets.map((s) => [s.id, s]));
    this.groupNames = new Map(inv.securityGroups.map((g) => [g.id, g.name]));
    this.targetGroups = new Map(inv.targetGroups.map((g) => [g.arn, g]));
    this.routeTables = new Map(inv.routeTables.map((r) => [r.id, r]));
    this.internetGateways = new Map(inv.internetGateways.map((g) => [g.id, g]));
    this.natGateways = new Map(inv.natGateways.map((n) => [n.id, n]));
    this.reaches = new Map(inv.subnets.map((s) => [s.id, subnetReach(inv, s)]));
  }

  /** Whether the subnet's route table makes it public (the same verdict its row and its instances show). */
  isPublic(subnet: Subnet): boolean {
    const reach = this.reaches.get(subnet.id);
    return reach ? isPublicReach(reach) : subnet.isPublic;
  }

  /** A gateway or route table as plain text: "igw-… (Test-IGW)", or its id alone when it has no name. */
  named(id: string): string {
    const name = (this.internetGateways.get(id) ?? this.natGateways.get(id) ?? this.routeTables.get(id))?.name;
    return name ? `${id} (${name})` : id;
  }

  /** The same in a tooltip: "`igw-…` (Test-IGW)". */
  mdNamed(id: string): string {
    const name = (this.internetGateways.get(id) ?? this.natGateways.get(id) ?? this.routeTables.get(id))?.name;
    return name ? `${mdCode(id)} (${mdText(name)})` : mdCode(id);
  }

  arn(service: string, resource: string, withAccount = true): string {
    return `arn:${this.partition}:${service}:${this.region}:${withAccount ? this.inv.context.accountId : ''}:${resource}`;
  }

  targetGroup(arn: string): TargetGroup | undefined {
    return this.targetGroups.get(arn);
  }

  /** A target group's name, from its ARN when the inventory does not have it. */
  targetGroupName(arn: string): string {
    return this.targetGroups.get(arn)?.name ?? arnName(arn);
  }

  /** A security group in a tooltip: "alb-sg (`sg-…`)", or its id alone when the inventory does not name it. */
  groupLabel(id: string): string {
    const name = this.groupNames.get(id);
    return name ? `${mdText(name)} (${mdCode(id)})` : mdCode(id);
  }
}

/** "WebServers" from "arn:aws:elasticloadbalancing:…:targetgroup/WebServers/0123". */
function arnName(arn: string): string {
  const parts = arn.split('/');
  return parts.length >= 2 ? (parts[parts.length - 2] ?? arn) : arn;
}

// A VPC's way out, as the console's VPC pages show it: its internet gateways (attached or not), its route tables
// (main or not, each route with its target, blackholes flagged, the subnets that use each table), NAT gateways
// under their subnets, and the sentence that says why a subnet is public or private.
import type { NatGateway, Route, RouteTable, Subnet } from '../../aws/types';
import type { InventoryIndex } from './inventoryIndex';
import type { SubnetReach } from './reach';
import { add, byText, icon, type ExplorerNode } from './nodes';
import { mdCode, mdFields, mdText, stateText, toneOf } from './text';

/** Why the subnet is public or private, from its table (markdown, for its tooltip). */
export function reachText(ix: InventoryIndex, subnet: Subnet, reach: SubnetReach): string {
  const { t } = ix;
  if (reach.kind === 'unknown') {
    return reach.isPublic
      ? t('public: 0.0.0.0/0 goes to an internet gateway')
      : t('private: no route to an internet gateway');
  }
  const table = subnet.usesMainRouteTable
    ? t('the VPC’s main route table {0}', ix.mdNamed(reach.table.id))
    : t('its route table {0}', ix.mdNamed(reach.table.id));
  switch (reach.kind) {
    case 'public':
      return t('public: {0} sends 0.0.0.0/0 to the internet gateway {1}', table, ix.mdNamed(reach.gatewayId));
    case 'noRoute':
      return t('private: {0} has no route to an internet gateway', table);
    case 'narrowRoute':
      return t(
        'private: {0} sends only {1} to the internet gateway {2}, not 0.0.0.0/0',
        table,
        mdCode(reach.route.destination),
        ix.mdNamed(reach.gatewayId),
      );
    case 'detachedGateway':
      return t(
        'private: 0.0.0.0/0 in {0} goes to {1}, which is not attached to the VPC (blackhole)',
        table,
        ix.mdNamed(reach.gatewayId),
      );
    case 'nat':
      return reach.blackhole
        ? t(
            'private: 0.0.0.0/0 in {0} goes to the NAT gateway {1}, which is gone (blackhole)',
            table,
            ix.mdNamed(reach.natGatewayId),
          )
        : t(
            'private: 0.0.0.0/0 in {0} goes to the NAT gateway {1} (outbound only)',
            table,
            ix.mdNamed(reach.natGatewayId),
          );
    case 'other':
      return reach.blackhole
        ? t('private: 0.0.0.0/0 in {0} goes to {1}, which is gone (blackhole)', table, mdCode(reach.targetId))
        : t('private: 0.0.0.0/0 in {0} goes to {1}, not to an internet gateway', table, mdCode(reach.targetId));
  }
}

/** The VPC's internet gateways, or a row saying it has none (then no subnet of it can be public). */
export function internetGateways(ix: InventoryIndex, vpcNode: ExplorerNode, vpcId: string): void {
  const { t } = ix;
  const attached = ix.inv.internetGateways.filter((g) => g.vpcId === vpcId).sort((a, b) => byText(a.id, b.id));
  if (attached.length === 0) {
    add(vpcNode, {
      kind: 'empty',
      id: `${vpcNode.id}/igw:none`,
      label: t('No internet gateway attached'),
      icon: icon('debug-disconnect', 'off'),
    });
  }
  for (const g of attached) gatewayRow(ix, vpcNode, g.id, true);
}

/** Internet gateways attached to no VPC: a student's "forgot to attach", shown after the VPCs. */
export function detachedGateways(ix: InventoryIndex, parent: ExplorerNode): void {
  const detached = ix.inv.internetGateways.filter((g) => !g.vpcId).sort((a, b) => byText(a.id, b.id));
  for (const g of detached) gatewayRow(ix, parent, g.id, false);
}

function gatewayRow(ix: InventoryIndex, parent: ExplorerNode, id: string, attached: boolean): void {
  const { t } = ix;
  const g = ix.internetGateways.get(id);
  const vpc = g?.vpcId ? ix.inv.vpcs.find((v) => v.id === g.vpcId) : undefined;
  add(parent, {
    kind: 'internetGateway',
    id: `${parent.id}/igw:${id}`,
    label: g?.name ?? id,
    description: [g?.name ? id : undefined, attached ? t('attached') : t('detached')].filter(Boolean).join(' · '),
    tooltip: mdFields([
      [t('Internet gateway'), mdCode(id)],
      [t('Name'), g?.name ? mdText(g.name) : undefined],
      [
        t('State'),
        vpc
          ? t('attached to {0}', vpc.name ? `${mdCode(vpc.id)} (${mdText(vpc.name)})` : mdCode(vpc.id))
          : t('detached: attached to no VPC, so routes to it are blackholes and no subnet is public through it'),
      ],
    ]),
    icon: icon('plug', attached ? 'ok' : 'off'),
    resource: { id, arn: ix.arn('ec2', `internet-gateway/${id}`), region: ix.region },
  });
}

/** "Route tables" under the VPC: the main one first, then by name. */
export function routeTables(ix: InventoryIndex, vpcNode: ExplorerNode, vpcId: string): void {
  const { t } = ix;
  const tables = ix.inv.routeTables
    .filter((r) => r.vpcId === vpcId)
    .sort((a, b) => Number(b.isMain) - Number(a.isMain) || byText(a.name ?? a.id, b.name ?? b.id));
  if (tables.length === 0) return;
  const group = add(vpcNode, {
    kind: 'routeTables',
    id: `${vpcNode.id}/routeTables`,
    label: t('Route tables'),
    description: String(tables.length),
    icon: icon('list-tree'),
  });
  const subnets = ix.inv.subnets.filter((s) => s.vpcId === vpcId);
  for (const table of tables) tableRow(ix, group, table, subnets);
}

function tableRow(ix: InventoryIndex, parent: ExplorerNode, table: RouteTable, subnets: readonly Subnet[]): void {
  const { t } = ix;
  const explicit = subnets.filter((s) => table.subnetIds.includes(s.id));
  const implicit = table.isMain ? subnets.filter((s) => s.usesMainRouteTable && s.routeTableId === table.id) : [];
  const node = add(parent, {
    kind: 'routeTable',
    id: `${parent.id}/rtb:${table.id}`,
    label: table.name ?? table.id,
    description: [table.name ? table.id : undefined, table.isMain ? t('main') : undefined].filter(Boolean).join(' · '),
    tooltip: mdFields([
      [t('Route table'), mdCode(table.id)],
      [t('Name'), table.name ? mdText(table.name) : undefined],
      [t('Main'), table.isMain ? t('yes: subnets with no explicit association use it') : t('no')],
      [t('Subnet associations'), [...explicit, ...implicit].map((s) => mdText(s.name ?? s.id)).join(', ')],
    ]),
    icon: icon('list-tree'),
    resource: { id: table.id, arn: ix.arn('ec2', `route-table/${table.id}`), region: ix.region },
  });
  for (const route of table.routes) routeRow(ix, node, route);
  for (const s of [...explicit, ...implicit].sort((a, b) => byText(a.cidr, b.cidr))) {
    const isImplicit = !table.subnetIds.includes(s.id);
    add(node, {
      kind: 'routeAssociation',
      id: `${node.id}/subnet:${s.id}`,
      label: s.name ?? s.id,
      description: [s.cidr, isImplicit ? t('implicit (main route table)') : t('explicit')].join(' · '),
      tooltip: mdFields([
        [t('Subnet'), mdCode(s.id)],
        [t('Association'), isImplicit ? t('uses the VPC’s main route table (no explicit association)') : t('explicit')],
      ]),
      icon: icon('link'),
    });
  }
}

/** "0.0.0.0/0 → igw-… (Test-IGW)", "10.0.0.0/16 → local"; a blackhole in red. */
function routeRow(ix: InventoryIndex, parent: ExplorerNode, route: Route): void {
  const { t } = ix;
  const target = route.target.kind === 'local' ? 'local' : ix.named(route.target.id);
  const blackhole = route.state === 'blackhole';
  add(parent, {
    kind: 'route',
    id: `${parent.id}/route:${route.destination}`,
    label: `${route.destination} → ${target}`,
    description: blackhole ? t('blackhole') : undefined,
    tooltip: mdFields([
      [t('Destination'), mdCode(route.destination)],
      [t('Target'), route.target.kind === 'local' ? mdCode('local') : ix.mdNamed(route.target.id)],
      [
        t('State'),
        blackhole
          ? t('blackhole: its target is detached or gone, so traffic to {0} is dropped', mdCode(route.destination))
          : stateText('active', t),
      ],
    ]),
    icon: blackhole ? icon('error', 'bad') : icon('arrow-right'),
  });
}

/** A NAT gateway under its subnet, with its state (it bills by the hour). */
export function natGatewayRow(ix: InventoryIndex, parent: ExplorerNode, nat: NatGateway): void {
  const { t } = ix;
  add(parent, {
    kind: 'natGateway',
    id: `${parent.id}/nat:${nat.id}`,
    label: nat.name ?? nat.id,
    description: [t('NAT gateway'), stateText(nat.state, t), nat.publicIp].filter(Boolean).join(' · '),
    tooltip: mdFields([
      [t('NAT gateway'), mdCode(nat.id)],
      [t('Name'), nat.name ? mdText(nat.name) : undefined],
      [t('State'), stateText(nat.state, t)],
      [t('Connectivity'), nat.connectivity === 'public' ? t('public') : t('private')],
      [t('Public IP'), nat.publicIp ? mdCode(nat.publicIp) : undefined],
    ]),
    icon: icon('arrow-swap', toneOf(nat.state)),
    resource: { id: nat.id, arn: ix.arn('ec2', `natgateway/${nat.id}`), region: ix.region },
  });
}

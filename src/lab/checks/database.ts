// Track 2's database tier (seed 004 §4-5): 2.1 db-sg and db-subnetgroup, 2.2 the RDS MySQL instance, 2.3 the web
// tier using it. Judged from the account whatever made it: the console's names, other names, other order.
import type { DbInstance, Inventory } from '../../aws/types';
import { reason } from '../codes';
import { admitsWebTier, openToEveryone, type DatabaseRoles } from '../database';
import { namesOf, type LayoutId } from '../layout';
import { shownName, subnetRouting } from '../network';
import { instanceHost, type LabRoles } from '../roles';
import { observationKey } from '../observe';
import type { CheckInput, CheckResult } from '../types';
import { resultOf, waiting, type Problem } from './kit';

/** Free-tier classes (750 hours a month of single-AZ db.t3/t4g.micro, 20 GiB). */
const FREE_TIER_CLASSES = ['db.t3.micro', 'db.t4g.micro', 'db.t2.micro'];

import { wordPressPage } from '../wordPress';
export { wordPressPage, type WordPressPage } from '../wordPress';

/** 2.1: a group that admits MySQL from the web tier only, and a subnet group over two AZs of the web tier's VPC. */
export function checkDatabaseNetwork(input: CheckInput, roles: LabRoles, db: DatabaseRoles): CheckResult {
  const inv = input.inventory;
  const names = namesOf(input.layout, input.inventory.student).database;
  if (!roles.webServer && db.webGroupIds.length === 0) return waiting('2.1', '0.1', reason('webServer.missing'));
  const problems: Problem[] = [];
  const webGroup = webGroupName(inv, db);
  if (db.dbGroups.length === 0) {
    problems.push({ reason: reason('dbSg.missing', { name: names.securityGroup, webGroup, port: names.port }) });
  } else {
    const group = db.dbGroups.map((g) => g.name).join(', ');
    const open = openToEveryone(db.dbGroups, names.port);
    if (open) problems.push({ reason: reason('dbSg.openToWorld', { group: open.name, port: names.port }) });
    if (!admitsWebTier(db.dbGroups, db.webGroupIds, db.webIps, names.port))
      problems.push({ reason: reason('dbSg.noWebRule', { group, webGroup, port: names.port }) });
  }
  problems.push(...subnetGroupProblems(inv, db, input.layout));
  return resultOf('2.1', problems, {
    securityGroup: db.dbGroups.map((g) => g.name).join(', '),
    subnetGroup: db.subnetGroup?.name,
    azs: db.subnetGroup?.azs.join(', '),
  });
}

function webGroupName(inv: Inventory, db: DatabaseRoles): string {
  const names = db.webGroupIds.map((id) => inv.securityGroups.find((g) => g.id === id)?.name ?? id);
  return names.join(', ');
}

function subnetGroupProblems(inv: Inventory, db: DatabaseRoles, layout?: LayoutId): Problem[] {
  const names = namesOf(layout, inv.student).database;
  const group = db.subnetGroup;
  if (!group) return [{ reason: reason('dbSubnetGroup.missing', { name: names.subnetGroup }) }];
  if (db.vpcId && group.vpcId !== db.vpcId) {
    const vpc = inv.vpcs.find((v) => v.id === db.vpcId);
    return [{ reason: reason('dbSubnetGroup.otherVpc', { name: group.name, vpc: vpc ? shownName(vpc) : db.vpcId }) }];
  }
  if (group.azs.length < 2) {
    return [{ reason: reason('dbSubnetGroup.oneAz', { name: group.name, az: group.azs[0] ?? '' }) }];
  }
  // Seed 004 puts the database in the private subnets: a public one is a door the lab does not need.
  if (namesOf(layout, inv.student).network !== 'labVpc') return [];
  const publicOnes = group.subnetIds.flatMap((id) => {
    const subnet = inv.subnets.find((s) => s.id === id);
    return subnet && subnetRouting(inv, subnet).tier === 'public' ? [shownName(subnet)] : [];
  });
  return publicOnes.length > 0
    ? [{ reason: reason('dbSubnetGroup.publicSubnet', { name: group.name, subnets: publicOnes.join(', ') }) }]
    : [];
}

/** Why a database the web tier should reach is not reachable by it (its groups, its VPC, its public access). */
export function databaseProblems(inv: Inventory, db: DatabaseRoles, target: DbInstance, port: number): Problem[] {
  const problems: Problem[] = [];
  const name = target.clusterId ?? target.id;
  if (target.publiclyAccessible) problems.push({ reason: reason('db.public', { name: target.id }) });
  const groups = inv.securityGroups.filter((g) => target.securityGroupIds.includes(g.id));
  const subnetGroup = inv.dbSubnetGroups.find((g) => g.name === target.subnetGroupName);
  if (db.vpcId && subnetGroup && subnetGroup.vpcId !== db.vpcId) {
    const vpc = inv.vpcs.find((v) => v.id === db.vpcId);
    problems.push({ reason: reason('db.otherVpc', { name, vpc: vpc ? shownName(vpc) : db.vpcId }) });
  } else if (db.webGroupIds.length > 0 && !admitsWebTier(groups, db.webGroupIds, db.webIps, port)) {
    problems.push({
      reason: reason('db.groupNotAdmittingWeb', {
        name,
        groups: groups.map((g) => g.name).join(', ') || target.securityGroupIds.join(', '),
        webGroup: webGroupName(inv, db),
        port,
      }),
    });
  }
  return problems;
}

/** 2.2: seed 004's test-rds-1 — MySQL, available, private, guarded by db-sg, with its initial database. */
export function checkDatabase(input: CheckInput, _roles: LabRoles, db: DatabaseRoles): CheckResult {
  const inv = input.inventory;
  const names = namesOf(input.layout, input.inventory.student).database;
  const d = db.instance;
  if (!d) return resultOf('2.2', [{ reason: reason('db.missing', { name: names.instance }) }]);
  const problems: Problem[] = [];
  if (d.status !== 'available') problems.push({ reason: reason('db.notAvailable', { name: d.id, status: d.status }) });
  problems.push(...databaseProblems(inv, db, d, d.endpoint?.port ?? names.port));
  if (!d.dbName) problems.push({ reason: reason('db.noDatabase', { name: d.id, dbName: names.dbName }) });
  const notes = [];
  if ((d.backupRetentionDays ?? 0) > 0)
    notes.push(reason('note.dbBackups', { name: d.id, days: d.backupRetentionDays ?? 0 }));
  if (!FREE_TIER_CLASSES.includes(d.instanceClass))
    notes.push(reason('note.dbClass', { name: d.id, instanceClass: d.instanceClass }));
  return resultOf(
    '2.2',
    problems,
    { name: d.id, endpoint: d.endpoint?.address, az: d.az, instanceClass: d.instanceClass, dbName: d.dbName },
    notes,
  );
}

/**
 * 2.3: the web tier uses the database. The network path from the account (same VPC, db-sg admits the web group);
 * in the Test-VPC layout also WordPress as the web server serves it: set up, and not "Error establishing a
 * database connection".
 */
export function checkWebUsesDatabase(input: CheckInput, roles: LabRoles, db: DatabaseRoles): CheckResult {
  const inv = input.inventory;
  const names = namesOf(input.layout, input.inventory.student).database;
  const d = db.instance;
  if (!d) return waiting('2.3', '2.2', reason('db.missing', { name: names.instance }));
  if (d.status !== 'available' || !d.endpoint)
    return waiting('2.3', '2.2', reason('db.notAvailable', { name: d.id, status: d.status }));
  const problems = databaseProblems(inv, db, d, d.endpoint.port).filter((p) => p.reason.code !== 'db.public');
  if (namesOf(input.layout, input.inventory.student).network === 'labVpc')
    problems.push(...wordPressProblems(input, roles, d));
  return resultOf('2.3', problems, { name: d.id, endpoint: d.endpoint.address });
}

/** The web server's front page through WordPress's eyes; the cause of its database error comes first when known. */
function wordPressProblems(input: CheckInput, roles: LabRoles, d: DbInstance): Problem[] {
  const server = roles.webServer;
  const host = server ? instanceHost(server) : undefined;
  if (!server || !host) return [];
  const direct = input.observations.get(observationKey(host, '/'));
  // After 1.9 only the load balancer reaches the web servers: WordPress is seen through it.
  const lb = roles.loadBalancer && input.observations.get(observationKey(roles.loadBalancer.dnsName, '/'));
  const seen = direct?.status === undefined && lb?.status !== undefined ? lb : direct;
  const page = wordPressPage(seen?.body, seen?.location);
  const name = shownName(server);
  if (!seen) return [{ reason: reason('observation.missing', { host, path: '/' }) }];
  if (page === 'dbError')
    return [
      { reason: reason('wordpress.dbError', { name, endpoint: d.endpoint?.address ?? '', dbName: d.dbName ?? '' }) },
    ];
  if (page === 'setup')
    return [{ reason: reason('wordpress.notSetUp', { name, host, endpoint: d.endpoint?.address ?? '' }) }];
  if (page === 'none') return [{ reason: reason('wordpress.missing', { name, host }) }];
  return [];
}

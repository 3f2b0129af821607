// Cleanup's words: what each kind of resource is called and how an item reads, through a Translate
// (vscode.l10n.t in the extension, the bundle translator in the CLI). Japanese in l10n/bundle.l10n.ja.json.
import type { Translate } from '../translate';
import { problemMessage } from '../problemMessages';
import type {
  CleanupItem,
  CleanupKind,
  CleanupPlan,
  CleanupProgress,
  CleanupResult,
  CleanupUnread,
} from '../../lab/cleanup/types';
import type { KeptChange } from '../../lab/cleanup/kept';

export function cleanupKindLabel(kind: CleanupKind, t: Translate): string {
  switch (kind) {
    case 'listener':
      return t('Listener');
    case 'loadBalancer':
      return t('Load balancer');
    case 'targetGroup':
      return t('Target group');
    case 'autoScalingGroup':
      return t('Auto Scaling group');
    case 'scalingPolicy':
      return t('Scaling policy');
    case 'alarm':
      return t('CloudWatch alarm');
    case 'launchTemplate':
      return t('Launch template');
    case 'instance':
      return t('Instance');
    case 'natGateway':
      return t('NAT gateway');
    case 'elasticIp':
      return t('Elastic IP');
    case 'image':
      return t('AMI');
    case 'snapshot':
      return t('Snapshot');
    case 'volume':
      return t('EBS volume');
    case 'dbInstance':
      return t('DB instance');
    case 'dbCluster':
      return t('DB cluster');
    case 'dbSubnetGroup':
      return t('DB subnet group');
    case 'internetGateway':
      return t('Internet gateway');
    case 'routeTable':
      return t('Route table');
    case 'subnet':
      return t('Subnet');
    case 'securityGroup':
      return t('Security group');
    case 'keyPair':
      return t('Key pair');
    case 'vpc':
      return t('VPC');
  }
}

/** "Instance WebServer2 (i-0abc…)": the kind, the name when there is one, the ID. */
export function cleanupItemLabel(item: CleanupItem, t: Translate): string {
  const kind = cleanupKindLabel(item.kind, t);
  return item.name && item.name !== item.id ? `${kind} ${item.name} (${item.id})` : `${kind} ${item.id}`;
}

/** "TCP 80", "TCP 1024-2048", "all traffic". */
function ports(c: KeptChange, t: Translate): string {
  if (c.protocol === '-1' || c.protocol === 'all') return t('all traffic');
  const range = c.fromPort === c.toPort ? `${c.fromPort ?? ''}` : `${c.fromPort ?? 0}-${c.toPort ?? 65535}`;
  return `${c.protocol.toUpperCase()} ${range}`.trim();
}

/** One change to a kept security group, with why. */
export function keptChangeText(c: KeptChange, t: Translate): string {
  const group = c.groupName && c.groupName !== c.groupId ? `${c.groupName} (${c.groupId})` : c.groupId;
  const lab = c.labGroupName && c.labGroupName !== c.labGroupId ? `${c.labGroupName} (${c.labGroupId})` : c.labGroupId;
  const source = c.source.kind === 'group' ? lab : c.source.cidr;
  switch (c.action) {
    case 'authorizeIngress':
      return t(
        '{0}: allow {1} from {2} again, as before the lab (its only rule for it names {3}, which goes)',
        group,
        ports(c, t),
        source,
        lab,
      );
    case 'revokeIngress':
      return t('{0}: remove the inbound rule {1} from {2} (that group goes)', group, ports(c, t), source);
    case 'revokeEgress':
      return t('{0}: remove the outbound rule {1} to {2} (that group goes)', group, ports(c, t), source);
  }
}

export function cleanupSectionLabel(section: CleanupUnread['section'], t: Translate): string {
  switch (section) {
    case 'network':
      return t('the VPCs and subnets');
    case 'instances':
      return t('the instances');
    case 'storage':
      return t('the volumes, snapshots and AMIs');
    case 'addresses':
      return t('the Elastic IPs');
    case 'securityGroups':
      return t('the security groups');
    case 'loadBalancing':
      return t('the load balancers and target groups');
    case 'databases':
      return t('the databases');
    case 'autoScaling':
      return t('the Auto Scaling groups');
    case 'keyPairs':
      return t('the key pairs');
  }
}

/** "Could not read the load balancers and target groups (elasticloadbalancing:DescribeLoadBalancers): …". */
export function cleanupUnreadText(u: CleanupUnread, t: Translate): string {
  return t(
    'Could not read {0} ({1}): {2}',
    cleanupSectionLabel(u.section, t),
    u.action,
    problemMessage(u.error, t).message,
  );
}

/** USD per hour as the plan shows it: four decimals (a t3.micro is 0.0136), "0" when free. */
export function usdPerHour(usd: number): string {
  return usd === 0 ? '0' : usd.toFixed(4);
}

/** The plan as the CLI prints it: what goes, in order, with its hourly cost; then what stays. */
export function cleanupPlanLines(plan: CleanupPlan, t: Translate): string[] {
  const row = (i: CleanupItem, n?: number) =>
    `  ${n !== undefined ? `${String(n).padStart(2)}. ` : '    '}${cleanupItemLabel(i, t)}  ${t('{0} USD/h', usdPerHour(i.hourlyUsd))}${!i.labCreated && n !== undefined ? `  ${t('(picked)')}` : ''}${i.deletionProtection ? `  ${n !== undefined ? t('(deletion protection on: turned off first)') : t('(deletion protection on)')}` : ''}`;
  const lines: string[] = [];
  if (plan.changes.length > 0) {
    lines.push(t('Changes to what is kept, made first:'));
    plan.changes.forEach((c, k) => lines.push(`  ${String(k + 1).padStart(2)}. ${keptChangeText(c, t)}`));
  }
  if (plan.items.length === 0 && plan.unread.length > 0)
    lines.push(t('Nothing of the lab to delete in what could be read.'));
  else if (plan.items.length === 0) lines.push(t('Nothing of the lab to delete.'));
  else {
    lines.push(t('To delete, in this order (stops {0} USD an hour):', usdPerHour(plan.hourlyUsd)));
    plan.items.forEach((i, k) => lines.push(row(i, k + 1)));
  }
  if (plan.others.length > 0) {
    lines.push(t('Not created by the lab, kept (delete one with --include ID):'));
    for (const i of plan.others) lines.push(row(i));
  }
  if (plan.unread.length > 0) {
    lines.push(t('Unknown: part of the account could not be read, so this plan may miss resources of the lab:'));
    for (const u of plan.unread) lines.push(`  ${cleanupUnreadText(u, t)}`);
  }
  return lines;
}

/** One progress line (none for 'deleting', the next phase follows at once, unless protection was turned off). */
export function cleanupProgressText(p: CleanupProgress, t: Translate): string | undefined {
  if ('change' in p) {
    const change = keptChangeText(p.change, t);
    if (p.phase === 'changed') return t('Changed: {0}', change);
    return t('Could not change: {0}: {1}', change, p.problem ? problemMessage(p.problem, t).message : '');
  }
  const label = cleanupItemLabel(p.item, t);
  switch (p.phase) {
    case 'deleting':
      return p.protectionOff ? t('Deletion protection turned off: {0}', label) : undefined;
    case 'waiting':
      return t('Waiting until gone: {0}', label);
    case 'deleted':
      return t('Deleted: {0}', label);
    case 'retrying':
      return t('Still in use, trying again: {0}', label);
    case 'failed':
      return t('Failed: {0}: {1}', label, p.problem ? problemMessage(p.problem, t).message : '');
  }
}

/** What was changed and deleted, what failed and why, what still bills, what could not be checked. */
export function cleanupResultLines(result: CleanupResult, t: Translate): string[] {
  const lines: string[] = [];
  for (const c of result.changed) lines.push(t('Changed: {0}', keptChangeText(c, t)));
  for (const f of result.changeFailed)
    lines.push(t('Could not change: {0}: {1}', keptChangeText(f.change, t), problemMessage(f.problem, t).message));
  for (const i of result.unprotected ?? [])
    lines.push(t('Deletion protection turned off (to delete it): {0}', cleanupItemLabel(i, t)));
  lines.push(t('Deleted {0}, failed {1}.', result.deleted.length, result.failed.length));
  for (const f of result.failed)
    lines.push(`  ${t('Failed: {0}: {1}', cleanupItemLabel(f.item, t), problemMessage(f.problem, t).message)}`);
  if (result.unread.length > 0) {
    lines.push(t('Unknown: the final check could not read part of the account; run cleanup again:'));
    for (const u of result.unread) lines.push(`  ${cleanupUnreadText(u, t)}`);
  }
  if (result.leftBillable.length === 0 && result.unread.length === 0)
    lines.push(t('Nothing billable of the lab is left.'));
  else if (result.leftBillable.length > 0) {
    const hourly = result.leftBillable.reduce((s, i) => s + i.hourlyUsd, 0);
    lines.push(t('Still billing ({0} USD an hour); run cleanup again:', usdPerHour(hourly)));
    for (const i of result.leftBillable)
      lines.push(`  ${cleanupItemLabel(i, t)}  ${t('{0} USD/h', usdPerHour(i.hourlyUsd))}`);
  }
  return lines;
}

export function cleanupQuestion(plan: CleanupPlan, t: Translate): string {
  if (plan.changes.length > 0)
    return t('Make these {0} changes and delete these {1} resources? [y/N] ', plan.changes.length, plan.items.length);
  return t('Delete these {0} resources? [y/N] ', plan.items.length);
}

export function cleanupDryRunText(t: Translate): string {
  return t('Dry run: nothing was deleted.');
}

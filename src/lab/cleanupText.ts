// Cleanup's words: what each kind of resource is called and how an item reads, through a Translate
// (vscode.l10n.t in the extension, the bundle translator in the CLI). Japanese in l10n/bundle.l10n.ja.json.
import type { Translate } from '../platform/translate';
import { problemMessage } from '../platform/problemMessages';
import type { CleanupItem, CleanupKind, CleanupPlan, CleanupProgress, CleanupResult } from './cleanup';

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
    case 'launchTemplate':
      return t('Launch template');
    case 'instance':
      return t('Instance');
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

/** USD per hour as the plan shows it: four decimals (a t3.micro is 0.0136), "0" when free. */
export function usdPerHour(usd: number): string {
  return usd === 0 ? '0' : usd.toFixed(4);
}

/** The plan as the CLI prints it: what goes, in order, with its hourly cost; then what stays. */
export function cleanupPlanLines(plan: CleanupPlan, t: Translate): string[] {
  const row = (i: CleanupItem, n?: number) =>
    `  ${n !== undefined ? `${String(n).padStart(2)}. ` : '    '}${cleanupItemLabel(i, t)}  ${t('{0} USD/h', usdPerHour(i.hourlyUsd))}${!i.labCreated && n !== undefined ? `  ${t('(picked)')}` : ''}`;
  const lines: string[] = [];
  if (plan.items.length === 0) lines.push(t('Nothing of the lab to delete.'));
  else {
    lines.push(t('To delete, in this order (stops {0} USD an hour):', usdPerHour(plan.hourlyUsd)));
    plan.items.forEach((i, k) => lines.push(row(i, k + 1)));
  }
  if (plan.others.length > 0) {
    lines.push(t('Not created by the lab, kept (delete one with --include ID):'));
    for (const i of plan.others) lines.push(row(i));
  }
  return lines;
}

/** One progress line (none for 'deleting': the next phase follows at once). */
export function cleanupProgressText(p: CleanupProgress, t: Translate): string | undefined {
  const label = cleanupItemLabel(p.item, t);
  switch (p.phase) {
    case 'deleting':
      return undefined;
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

/** What was deleted, what failed and why, what still bills. */
export function cleanupResultLines(result: CleanupResult, t: Translate): string[] {
  const lines = [t('Deleted {0}, failed {1}.', result.deleted.length, result.failed.length)];
  for (const f of result.failed)
    lines.push(`  ${t('Failed: {0}: {1}', cleanupItemLabel(f.item, t), problemMessage(f.problem, t).message)}`);
  if (result.leftBillable.length === 0) lines.push(t('Nothing billable of the lab is left.'));
  else {
    const hourly = result.leftBillable.reduce((s, i) => s + i.hourlyUsd, 0);
    lines.push(t('Still billing ({0} USD an hour); run cleanup again:', usdPerHour(hourly)));
    for (const i of result.leftBillable)
      lines.push(`  ${cleanupItemLabel(i, t)}  ${t('{0} USD/h', usdPerHour(i.hourlyUsd))}`);
  }
  return lines;
}

export function cleanupQuestion(plan: CleanupPlan, t: Translate): string {
  return t('Delete these {0} resources? [y/N] ', plan.items.length);
}

export function cleanupDryRunText(t: Translate): string {
  return t('Dry run: nothing was deleted.');
}

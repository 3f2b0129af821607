// The teacher's table as text: a line per student (a mark per step, grouped by track; how many passed; what runs
// and its hourly cost), the first thing wrong under it, then what no student owns. And as CSV: one row per
// student, one column per step (`passed` or the reason code), then the running count and USD per hour.
import type { ClassRow, ClassStatus, RunningResource, UnownedResource } from '../../lab/class/status';
import type { CheckResult } from '../../lab/types';
import { formatRate, type Money } from '../costModel';
import { reasonText } from '../lab/reasons';
import { stepTitle } from '../lab/steps';
import type { Translate } from '../translate';

const USD: Money = { currency: 'USD', yenPerUsd: 1 };

/** ✓ passed, ✗ failed, · waiting on an earlier step, ! could not be checked. */
export function stepMark(r: CheckResult): string {
  return r.status === 'passed' ? '✓' : r.status === 'failed' ? '✗' : r.status === 'waiting' ? '·' : '!';
}

/** The marks of a row, a space between tracks. */
export function stepMarks(row: ClassRow): string {
  let out = '';
  let track: string | undefined;
  for (const r of row.steps) {
    const t = r.step.split('.')[0];
    if (track !== undefined && t !== track) out += ' ';
    track = t;
    out += stepMark(r);
  }
  return out;
}

export function passedCount(row: ClassRow): number {
  return row.steps.filter((r) => r.status === 'passed').length;
}

/** The first step that failed (or could not be checked): what the teacher looks at first. */
export function firstProblem(row: ClassRow): CheckResult | undefined {
  return row.steps.find((r) => r.status === 'failed') ?? row.steps.find((r) => r.status === 'unknown');
}

/** "✗ 1.7 Find why a target is unhealthy: …" (or "could not be checked: …"). */
export function problemText(r: CheckResult, t: Translate): string {
  if (r.status === 'passed') return stepTitle(r.step, t);
  const why = reasonText(r.reason, t);
  return `${stepMark(r)} ${stepTitle(r.step, t)}: ${r.status === 'unknown' ? t('could not be checked: {0}', why) : why}`;
}

export function runningKindText(kind: RunningResource['kind'] | UnownedResource['kind'], t: Translate): string {
  switch (kind) {
    case 'instance':
      return t('instance');
    case 'loadBalancer':
      return t('load balancer');
    case 'database':
    case 'dbInstance':
      return t('database');
    case 'dbCluster':
      return t('Aurora cluster');
    case 'natGateway':
      return t('NAT gateway');
    case 'volume':
      return t('EBS volume');
    case 'snapshot':
      return t('snapshot');
    case 'image':
      return t('AMI');
    case 'elasticIp':
      return t('Elastic IP');
    case 'securityGroup':
      return t('security group');
    case 'targetGroup':
      return t('target group');
    case 'vpc':
      return t('VPC');
    case 'dbSubnetGroup':
      return t('DB subnet group');
    case 'autoScalingGroup':
      return t('Auto Scaling group');
    case 'launchTemplate':
      return t('launch template');
    case 'alarm':
      return t('CloudWatch alarm');
  }
}

/** Columns a string takes in a terminal: East Asian wide characters two. */
function width(s: string): number {
  return [...s].reduce(
    (n, ch) =>
      n +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch)
        ? 2
        : 1),
    0,
  );
}

function pad(s: string, columns: number): string {
  return s + ' '.repeat(Math.max(0, columns - width(s)));
}

/** The table for people: a headline, a line per student and their first problem, then what no student owns. */
export function classTableText(status: ClassStatus, t: Translate): string {
  const lines = [
    t(
      'Class in {0}: {1} students · one read of the account ({2} API calls) · {3}',
      status.region,
      status.rows.length,
      status.apiCalls,
      formatRate(status.hourlyUsd, USD, t),
    ),
  ];
  if (status.rows.length === 0)
    lines.push(t('No student owns anything in this account (no tag, no user number in a name).'));
  else {
    const header = [t('Student'), t('Steps by track'), t('Passed'), t('Running'), t('Per hour')];
    const rows = status.rows.map((r) => [
      r.student,
      stepMarks(r),
      `${passedCount(r)}/${r.steps.length}`,
      String(r.running.length),
      formatRate(r.hourlyUsd, USD, t, true),
    ]);
    const widths = header.map((h, col) => Math.max(width(h), ...rows.map((r) => width(r[col] ?? ''))));
    const line = (cells: readonly string[]) =>
      cells
        .map((c, col) => pad(c, widths[col] ?? 0))
        .join('  ')
        .trimEnd();
    lines.push(line(header));
    status.rows.forEach((r, i) => {
      lines.push(line(rows[i] ?? []));
      const problem = firstProblem(r);
      if (problem) lines.push(`    ${problemText(problem, t)}`);
    });
    lines.push(t('✓ passed  ✗ failed  · waits on an earlier step  ! could not be checked'));
  }
  const unowned = status.unowned.resources;
  lines.push(
    unowned.length === 0
      ? t('Owned by no student: nothing')
      : t('Owned by no student: {0} resources, {1}', unowned.length, formatRate(status.unowned.hourlyUsd, USD, t)),
  );
  for (const u of unowned)
    lines.push(
      `  ${[
        u.id,
        u.name && u.name !== u.id ? u.name : '',
        runningKindText(u.kind, t),
        u.hourlyUsd > 0 ? formatRate(u.hourlyUsd, USD, t, true) : '',
      ]
        .filter(Boolean)
        .join('  ')}`,
    );
  return `${lines.join('\n')}\n`;
}

/** A CSV field, quoted when it needs to be (RFC 4180). */
function field(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row per student: a column per step (`passed`, or the reason code), the running count, USD per hour. */
export function classCsv(status: ClassStatus): string {
  const steps = status.rows[0]?.steps.map((r) => r.step) ?? [];
  const header = ['student', ...steps, 'running', 'usd_per_hour'];
  const rows = status.rows.map((row) => {
    const byStep = new Map(row.steps.map((r) => [r.step, r]));
    return [
      row.student,
      ...steps.map((id) => {
        const r = byStep.get(id);
        return !r ? '' : r.status === 'passed' ? 'passed' : r.reason.code;
      }),
      row.running.length,
      row.hourlyUsd,
    ];
  });
  return `${[header, ...rows].map((r) => r.map(field).join(',')).join('\n')}\n`;
}

// The CLI's sentences, through the translator (English templates, Japanese in l10n/bundle.l10n.ja.json): errors,
// the account line every command starts with, the run's result and tally. No English is written outside t().
import { LoadError } from '../lab/scaling/load';
import type { AwsProblem } from '../aws/errors';
import { AwsError } from '../aws/errors';
import type { ResolvedAccount } from '../aws/account';
import type { Inventory, InventoryProblem } from '../aws/types';
import type { AccountIdentity } from '../aws/identity';
import { stepTitle } from '../present/lab/steps';
import { reasonText } from '../present/lab/reasons';
import { StepError, type StepOutcome, type Tally } from '../lab/types';
import { PracticeStateError } from '../practice/core/stateFile';
import { practiceStateLine } from '../present/practiceWords';
import { problemMessage } from '../present/problemMessages';
import { sshProblemMessage } from '../present/sshMessages';
import type { Translate } from '../present/translate';
import { SshError } from '../ssh/errors';
import { stateText } from '../present/explorer/text';

/** A usage mistake: its words are already translated; exit 2 with the --help hint. */
export class UsageError extends Error {}

/** One AWS problem as a sentence; the network kinds in the CLI's terms (no "settings", no "refresh"). */
export function problemLine(p: AwsProblem, t: Translate): string {
  if (p.kind === 'network') {
    const where = p.endpoint ?? 'AWS';
    if (p.code === 'NotAws')
      return t('The endpoint {0} did not answer like AWS: check the URL given with --endpoint-url.', where);
    if (p.status !== undefined)
      return t(
        'The endpoint {0} answered HTTP {1}, not as AWS answers. Check the endpoint URL, or a proxy in between.',
        where,
        p.status,
      );
    if (p.code === 'TimeoutError' || p.code === 'ETIMEDOUT')
      return t('{0} did not answer in time ({1}). Check the endpoint URL and your network.', where, p.code);
    return t('Cannot reach {0} ({1}). Check your network connection and the endpoint URL.', where, p.code);
  }
  const m = problemMessage(p, t);
  return m.message;
}

/** A section of the account that could not be read, as the warning line on stderr (the rest still answers). */
export function warningLine(p: InventoryProblem, t: Translate): string {
  return t('Warning: {0}: {1}', p.section, problemLine(p.error, t));
}

/** Any error as the one line the CLI prints after "scale-out-lab: ". */
export function errorLine(error: unknown, t: Translate): string {
  if (error instanceof AwsError) return problemLine(error.problem, t);
  if (error instanceof StepError) return `${stepTitle(error.step, t)}: ${reasonText(error.reason, t)}`;
  if (error instanceof LoadError) return reasonText(error.reason, t);
  if (error instanceof SshError) return sshProblemMessage(error.problem, t);
  if (error instanceof PracticeStateError) return practiceStateLine(error, t);
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/** "Run scale-out-lab --help for usage." under a usage error. */
export function usageHint(t: Translate): string {
  return t('Run scale-out-lab --help for usage.');
}

export interface AccountFacts {
  readonly account: ResolvedAccount;
  readonly identity: AccountIdentity;
  /** No AWS credential source was found, so the practice account stands in. */
  readonly fallback: boolean;
  /** The practice server was started in this process. */
  readonly inProcess: boolean;
}

/** The first line of every command: which account, in which region, and why the practice account. */
export function accountLine(f: AccountFacts, t: Translate): string {
  const { account, identity } = f;
  const region = account.region;
  if (f.fallback)
    return t(
      'Account: the practice account {0} in {1}, because no AWS credentials were found (name one with --profile, or sign in with aws sso login).',
      identity.accountId,
      region,
    );
  if (f.inProcess) return t('Account: the practice account {0} in {1}', identity.accountId, region);
  if (identity.practiceServer)
    return t('Account: the practice account {0} in {1}, at {2}', identity.accountId, region, account.endpoint ?? '');
  if (account.endpoint)
    return t(
      'Account: {0} in {1} at {2} (an endpoint that answers like AWS, not AWS itself)',
      identity.accountId,
      region,
      account.endpoint,
    );
  if (account.profile) return t('Account: AWS {0} in {1} (profile {2})', identity.accountId, region, account.profile);
  return t('Account: AWS {0} in {1} (default credentials)', identity.accountId, region);
}

/** Said before the first call that may take a while: what is being contacted. */
export function contactingLine(account: ResolvedAccount, t: Translate): string {
  return account.endpoint ? t('Contacting {0}…', account.endpoint) : t('Contacting AWS in {0}…', account.region);
}

/** What a step run created and reused. */
export function createdLines(created: readonly string[], reused: readonly string[], t: Translate): string[] {
  const ids = (list: readonly string[]) => (list.length > 0 ? list.join(', ') : '-');
  return [t('Created: {0}', ids(created)), t('Reused: {0}', ids(reused))];
}

/** 1.8's and 1.10's answers per server, as a text tally. */
export function tallyLines(tally: Tally, t: Translate): string[] {
  const variant = (v: string) =>
    v === 'vision2' ? '私たちのビジョン2' : v === 'vision' ? '私たちのビジョン' : t('another page');
  const lines = [t('{0} requests: {1} answered, {2} without an answer', tally.requests, tally.answered, tally.failed)];
  const rows = [...tally.byBackend].sort((a, b) =>
    (a.name ?? a.instanceId ?? '').localeCompare(b.name ?? b.instanceId ?? '', 'en'),
  );
  for (const b of rows) {
    const who = b.name && b.instanceId ? `${b.name} (${b.instanceId})` : (b.name ?? b.instanceId ?? '?');
    lines.push(`  ${t('{0}: {1} answers, page with {2}', who, b.count, variant(b.variant))}`);
  }
  return lines;
}

/** 3.4's times and 3.5's replacement, as measured. */
export function scalingLines(o: StepOutcome, t: Translate): string[] {
  const lines: string[] = [];
  const s = o.scaling;
  const sec = (n: number | undefined) => (n === undefined ? '–' : String(n));
  if (s) {
    lines.push(
      t(
        'From the load start: alarm {0} s, desired capacity {1} → {2} at {3} s, new instance healthy at {4} s',
        sec(s.alarmSeconds),
        s.desiredBefore,
        s.desiredPeak,
        sec(s.scaledOutSeconds),
        sec(s.healthySeconds),
      ),
      t('From the load stop: scaled in to {0} at {1} s', sec(s.desiredAfter), sec(s.scaledInSeconds)),
      t(
        'Load: {0} requests, {1} answered, {2} failed, at most {3} per second',
        s.requests.sent,
        s.requests.answered,
        s.requests.failed,
        s.peakRequestsPerSecond,
      ),
    );
  }
  const h = o.healing;
  if (h)
    lines.push(
      t('{0} terminated; {1} replaced it, healthy after {2} s', h.terminatedId, h.replacementId ?? '–', h.healSeconds),
    );
  return lines;
}

/** A state or answer word as the Japanese console would show it (unknown words pass through). */
export function stateWord(state: string, t: Translate): string {
  return stateText(state, t);
}

/** Who the summary's account is, as the account line says it (a practice server behind --endpoint-url too). */
function accountWhere(f: AccountFacts, t: Translate): string {
  if (f.account.kind === 'practice' || f.identity.practiceServer) return t('practice account');
  if (f.account.endpoint) return t('an endpoint that answers like AWS');
  return f.account.profile ? t('profile {0}', f.account.profile) : 'AWS';
}

/** A short readable summary: who and where, counts, then every instance with its state and AZ. */
export function formatSummary(inv: Inventory, f: AccountFacts, t: Translate): string {
  const c = inv.context;
  const lines: string[] = [];
  lines.push(t('Account  {0} ({1})  {2}', c.accountId, accountWhere(f, t), c.callerArn));
  lines.push(c.endpoint ? t('Region   {0}  via {1}', c.region, c.endpoint) : t('Region   {0}', c.region));
  const running = inv.instances.filter((i) => i.state === 'running').length;
  const publicSubnets = inv.subnets.filter((s) => s.isPublic).length;
  const counts = [
    t('VPCs {0}', inv.vpcs.length),
    t('Subnets {0} ({1} public)', inv.subnets.length, publicSubnets),
    t('Instances {0} ({1} running)', inv.instances.length, running),
    t('Volumes {0}', inv.volumes.length),
    t('Snapshots {0}', inv.snapshots.length),
    t('AMIs {0}', inv.images.length),
    t('Elastic IPs {0}', inv.elasticIps.length),
    t('Security groups {0}', inv.securityGroups.length),
    t('Load balancers {0}', inv.loadBalancers.length),
    t('Target groups {0}', inv.targetGroups.length),
    t('DB instances {0}', inv.dbInstances.length),
    t('Aurora clusters {0}', inv.dbClusters.length),
    t('Auto Scaling groups {0}', inv.autoScalingGroups.length),
  ];
  lines.push(counts.join(' · '));
  if (inv.instances.length > 0) {
    lines.push(t('Instances:'));
    const rows = inv.instances.map((i) => [
      i.id,
      i.name ?? '-',
      stateText(i.state, t),
      i.type,
      i.az,
      i.elasticIp ? `${i.elasticIp} (EIP)` : (i.publicIp ?? '-'),
    ]);
    // Padded by display width: a Japanese state word takes two columns a character.
    const width = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\uffdc]/.test(ch) ? 2 : 1), 0);
    const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => width(r[col] ?? '')))) ?? [];
    for (const r of rows)
      lines.push(
        `  ${r
          .map((cell, col) => cell + ' '.repeat(Math.max(0, (widths[col] ?? 0) - width(cell))))
          .join('  ')
          .trimEnd()}`,
      );
  }
  lines.push(t('API calls: {0}', inv.apiCalls));
  return `${lines.join('\n')}\n`;
}

// Wording for the explorer: AWS states as the console names them, security-group rules as sentences,
// target-health reasons explained, markdown helpers for tooltips. Pure: takes the translator.
import type { SecurityGroupRule } from '../../aws/types';
import type { Translate } from '../translate';

/** How a state looks: drives the icon colour. */
export type Tone = 'ok' | 'busy' | 'off' | 'bad' | 'neutral';

/** Theme colour ids per tone (undefined = the default foreground). */
export const TONE_COLORS: Readonly<Record<Tone, string | undefined>> = {
  ok: 'charts.green',
  busy: 'charts.yellow',
  off: 'disabledForeground',
  bad: 'charts.red',
  neutral: undefined,
};

/**
 * An AWS state word as the Japanese console shows it (English stays AWS's own word). Unknown states pass
 * through unchanged, so a new AWS state is never hidden.
 */
export function stateText(state: string, t: Translate): string {
  switch (state) {
    case 'pending':
      return t('pending');
    case 'running':
      return t('running');
    case 'stopping':
      return t('stopping');
    case 'stopped':
      return t('stopped');
    case 'shutting-down':
      return t('shutting-down');
    case 'terminated':
      return t('terminated');
    case 'available':
      return t('available');
    case 'creating':
      return t('creating');
    case 'deleting':
      return t('deleting');
    case 'deleted':
      return t('deleted');
    case 'modifying':
      return t('modifying');
    case 'rebooting':
      return t('rebooting');
    case 'backing-up':
      return t('backing-up');
    case 'starting':
      return t('starting');
    case 'failing-over':
      return t('failing-over');
    case 'failed':
      return t('failed');
    case 'completed':
      return t('completed');
    case 'error':
      return t('error');
    case 'provisioning':
      return t('provisioning');
    case 'active':
      return t('active');
    case 'active_impaired':
      return t('active (impaired)');
    case 'healthy':
      return t('healthy');
    case 'unhealthy':
      return t('unhealthy');
    case 'initial':
      return t('initial');
    case 'unused':
      return t('unused');
    case 'draining':
      return t('draining');
    case 'unavailable':
      return t('unavailable');
    case 'unhealthy.draining':
      return t('unhealthy (draining)');
    default:
      return state;
  }
}

const BUSY = new Set([
  'pending',
  'stopping',
  'shutting-down',
  'creating',
  'deleting',
  'modifying',
  'rebooting',
  'backing-up',
  'starting',
  'failing-over',
  'provisioning',
  'initial',
  'draining',
  'upgrading',
  'maintenance',
  'renaming',
  'resetting-master-credentials',
  'storage-optimization',
  'configuring-enhanced-monitoring',
  'configuring-log-exports',
  'converting-to-vpc',
  'moving-to-vpc',
]);
const OK = new Set(['running', 'available', 'completed', 'active', 'healthy', 'inservice']);
const OFF = new Set(['stopped', 'terminated', 'deleted', 'unused', 'unavailable', 'deregistered', 'standby']);
const BAD = new Set([
  'failed',
  'error',
  'unhealthy',
  'unhealthy.draining',
  'active_impaired',
  'incompatible-network',
  'incompatible-parameters',
  'incompatible-restore',
  'inaccessible-encryption-credentials',
  'storage-full',
]);

export function toneOf(state: string): Tone {
  const s = state.toLowerCase();
  if (OK.has(s)) return 'ok';
  if (BUSY.has(s)) return 'busy';
  if (OFF.has(s)) return 'off';
  if (BAD.has(s)) return 'bad';
  return 'neutral';
}

/** Why a target has its health state, in words a student can act on (AWS's reason codes). */
export function targetReasonText(reason: string, t: Translate): string | undefined {
  switch (reason) {
    case 'Elb.InitialHealthChecking':
      return t('The first health checks are still running.');
    case 'Elb.RegistrationInProgress':
      return t('The target is being registered.');
    case 'Target.Timeout':
      return t(
        'The health check timed out: check that the instance is running and that its security group admits the load balancer on the target port.',
      );
    case 'Target.ResponseCodeMismatch':
      return t(
        'The health-check path did not answer with a healthy HTTP code: check that the page exists on the instance.',
      );
    case 'Target.FailedHealthChecks':
      return t('The health checks failed: the web server on the instance may not be answering.');
    case 'Target.NotInUse':
      return t(
        'The target group is not used by a load balancer, or the load balancer is not enabled in the target’s Availability Zone.',
      );
    case 'Target.InvalidState':
      return t('The instance is stopped or terminated.');
    case 'Target.NotRegistered':
      return t('The target is not registered with the target group.');
    case 'Target.DeregistrationInProgress':
      return t('The target is being deregistered.');
    case 'Target.IpUnusable':
      return t('The target’s IP address cannot be used.');
    default:
      return undefined;
  }
}

// Well-known TCP ports a student meets, named as the console's "Type" column names them.
const TCP_SERVICES: Readonly<Record<number, string>> = {
  22: 'SSH',
  25: 'SMTP',
  53: 'DNS',
  80: 'HTTP',
  443: 'HTTPS',
  1433: 'MSSQL',
  1521: 'Oracle',
  2049: 'NFS',
  3306: 'MySQL/Aurora',
  3389: 'RDP',
  5432: 'PostgreSQL',
  6379: 'Redis',
};

/** "HTTP (80)", "All traffic", "TCP 1024–65535", "All ICMP". */
export function trafficText(rule: SecurityGroupRule, t: Translate): string {
  const protocol = rule.protocol.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return t('All traffic');
  const named =
    protocol === '6'
      ? 'tcp'
      : protocol === '17'
        ? 'udp'
        : protocol === '1'
          ? 'icmp'
          : protocol === '58'
            ? 'icmpv6'
            : protocol;
  if (named === 'tcp' || named === 'udp') {
    const upper = named.toUpperCase();
    const from = rule.fromPort;
    const to = rule.toPort ?? from;
    if (from === undefined || (from <= 0 && (to === undefined || to >= 65535)) || from === -1) {
      return named === 'tcp' ? t('All TCP') : t('All UDP');
    }
    if (from === to) {
      const service = named === 'tcp' ? TCP_SERVICES[from] : from === 53 ? 'DNS' : undefined;
      return service ? `${service} (${from})` : `${upper} ${from}`;
    }
    return `${upper} ${from}–${to}`;
  }
  if (named === 'icmp') return t('All ICMP');
  if (named === 'icmpv6') return t('All ICMPv6');
  return t('Protocol {0}', rule.protocol);
}

/** "anywhere (0.0.0.0/0)", "203.0.113.4/32", "sg-… (alb-sg)", "this group". */
export function peerText(
  source: SecurityGroupRule['source'],
  ownGroupId: string,
  groupNames: ReadonlyMap<string, string>,
  t: Translate,
): string {
  switch (source.kind) {
    case 'cidr':
    case 'cidr6':
      return source.cidr === '0.0.0.0/0' || source.cidr === '::/0' ? t('anywhere ({0})', source.cidr) : source.cidr;
    case 'group': {
      if (source.groupId === ownGroupId) return t('this group');
      const name = groupNames.get(source.groupId);
      return name ? `${source.groupId} (${name})` : source.groupId;
    }
    case 'prefixList':
      return t('prefix list {0}', source.prefixListId);
  }
}

/** The rule as one sentence: "HTTP (80) from anywhere (0.0.0.0/0)", "All traffic to anywhere (0.0.0.0/0)". */
export function ruleSentence(
  rule: SecurityGroupRule,
  direction: 'inbound' | 'outbound',
  ownGroupId: string,
  groupNames: ReadonlyMap<string, string>,
  t: Translate,
): string {
  const traffic = trafficText(rule, t);
  const peer = peerText(rule.source, ownGroupId, groupNames, t);
  return direction === 'inbound' ? t('{0} from {1}', traffic, peer) : t('{0} to {1}', traffic, peer);
}

/** Escapes text for a markdown tooltip (resource names are user input): inline markup, and block markup at the start. */
export function mdText(text: string): string {
  return text
    .replace(/[\\`*_[\]<>|~]/g, '\\$&')
    .replace(/^(\s*)([#+\-=])/, '$1\\$2')
    .replace(/^(\s*\d+)\./, '$1\\.');
}

/** An identifier as inline code. */
export function mdCode(text: string): string {
  return '`' + text.replace(/`/g, "'") + '`';
}

/** Tooltip lines "**Label:** value", skipping empty values. */
export function mdFields(fields: ReadonlyArray<readonly [string, string | undefined]>): string {
  return fields
    .filter((f): f is readonly [string, string] => f[1] !== undefined && f[1] !== '')
    .map(([label, value]) => `**${mdText(label)}:** ${value}`)
    .join('  \n');
}

/** "2024-05-01 10:00 UTC" from ISO 8601 (unchanged when it is not a date). */
export function timeText(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

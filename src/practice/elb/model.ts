// What the Classic Load Balancer's actions, its health checks and the web share: AWS's errors as the v1
// API words them, finding a load balancer by name, its DNS name, and its health check parsed from AWS's
// `Target` form ("HTTP:80/index.html", "TCP:80"). Error codes are the SDK schemas' awsQueryError codes.
import { PracticeError, validationError } from '../core/errors';
import type { ClassicHealthCheckRecord, ClassicLoadBalancerRecord, RegionState } from '../core/records';

export const loadBalancerNotFound = (name: string) =>
  new PracticeError('LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${name}'`);

export const invalidInstance = (message: string) => new PracticeError('InvalidInstance', message);

/** The SDK reads InvalidConfigurationRequest as HTTP 409, as AWS sends it. */
export const invalidConfiguration = (message: string) => new PracticeError('InvalidConfigurationRequest', message, 409);

/** The API's health check when ConfigureHealthCheck was never called: TCP to the first listener's instance port. */
export function apiDefaultHealthCheck(instancePort: number): ClassicHealthCheckRecord {
  return { target: `TCP:${instancePort}`, interval: 30, timeout: 5, healthyThreshold: 10, unhealthyThreshold: 2 };
}

export function classicLoadBalancers(records: RegionState): ClassicLoadBalancerRecord[] {
  return records.classicLoadBalancers ?? [];
}

/** The writable list (created on first write). */
export function writableClassicLoadBalancers(records: RegionState): ClassicLoadBalancerRecord[] {
  return (records.classicLoadBalancers ??= []);
}

export function findClassic(records: RegionState, name: string | undefined): ClassicLoadBalancerRecord {
  const lb = classicLoadBalancers(records).find((l) => l.name === name);
  if (!lb) throw loadBalancerNotFound(name ?? '');
  return lb;
}

export function checkName(name: string | undefined): string {
  if (!name)
    throw validationError(
      "1 validation error detected: Value null at 'loadBalancerName' failed to satisfy constraint: Member must not be null",
    );
  if (name.length > 32 || !/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(name))
    throw validationError(
      `LoadBalancerName '${name}' must have a maximum of 32 characters, contain only alphanumeric characters or hyphens, and cannot begin or end with a hyphen`,
    );
  return name;
}

/** `<name>-<10 digits>.<region>.elb.amazonaws.com` (`internal-` first for an internal one). */
export function classicDnsName(name: string, scheme: string, region: string, digits: string): string {
  return `${scheme === 'internal' ? 'internal-' : ''}${name}-${digits}.${region}.elb.amazonaws.com`;
}

export interface ParsedTarget {
  protocol: 'HTTP' | 'HTTPS' | 'TCP' | 'SSL';
  port: number;
  /** HTTP(S) only, with its leading slash. */
  path?: string;
}

const TARGET_FORM = /^(HTTP|HTTPS|TCP|SSL):(\d{1,5})(\/.*)?$/i;

/** AWS's `Target` parsed, or undefined when it is not one of its forms. */
export function parseTarget(target: string): ParsedTarget | undefined {
  const match = TARGET_FORM.exec(target);
  if (!match) return undefined;
  const protocol = (match[1] ?? '').toUpperCase() as ParsedTarget['protocol'];
  const port = Number(match[2]);
  const path = match[3];
  if (port < 1 || port > 65535) return undefined;
  const http = protocol === 'HTTP' || protocol === 'HTTPS';
  if (http !== (path !== undefined)) return undefined;
  return path !== undefined ? { protocol, port, path } : { protocol, port };
}

/** The ranges AWS accepts: interval 5-300 s, timeout 2-60 s and less than the interval, thresholds 2-10. */
function checkRange(value: number | undefined, name: string, min: number, max: number): number {
  if (value === undefined || !Number.isInteger(value))
    throw validationError(
      `1 validation error detected: Value null at 'healthCheck.${name}' failed to satisfy constraint: Member must not be null`,
    );
  if (value < min || value > max)
    throw validationError(
      `1 validation error detected: Value '${value}' at 'healthCheck.${name}' failed to satisfy constraint: Member must have value ${value < min ? `greater than or equal to ${min}` : `less than or equal to ${max}`}`,
    );
  return value;
}

/** ConfigureHealthCheck's HealthCheck, checked as AWS checks it. */
export function checkHealthCheck(input: {
  Target?: string;
  Interval?: number;
  Timeout?: number;
  HealthyThreshold?: number;
  UnhealthyThreshold?: number;
}): ClassicHealthCheckRecord {
  const target = input.Target ?? '';
  const parsed = parseTarget(target);
  if (!parsed)
    throw validationError(
      `HealthCheck Target '${target}' must be specified as <protocol>:<port> for TCP and SSL or <protocol>:<port>/<path> for HTTP and HTTPS, with a port from 1 to 65535`,
    );
  const record: ClassicHealthCheckRecord = {
    target:
      parsed.path !== undefined
        ? `${parsed.protocol}:${parsed.port}${parsed.path}`
        : `${parsed.protocol}:${parsed.port}`,
    interval: checkRange(input.Interval, 'interval', 5, 300),
    timeout: checkRange(input.Timeout, 'timeout', 2, 60),
    healthyThreshold: checkRange(input.HealthyThreshold, 'healthyThreshold', 2, 10),
    unhealthyThreshold: checkRange(input.UnhealthyThreshold, 'unhealthyThreshold', 2, 10),
  };
  if (record.timeout >= record.interval) throw validationError('HealthCheck Timeout must be less than Interval');
  return record;
}

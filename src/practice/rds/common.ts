// What the RDS actions share: AWS's identifier rules and errors, the writable records, lookups by name or ARN,
// tags as the create calls take them, and the events the actions and the clock record.
import type { RequestContext } from '../core/actions';
import { PracticeError } from '../core/errors';
import type { DbClusterRecord, DbEventRecord, DbInstanceRecord, RegionState, Tags } from '../core/records';

export const invalidValue = (message: string) => new PracticeError('InvalidParameterValue', message);
export const invalidCombination = (message: string) => new PracticeError('InvalidParameterCombination', message);
export const missing = (name: string) =>
  new PracticeError('MissingParameter', `The request must contain the parameter ${name}`);

/** The records of the request's region, for changing. */
export function writable(context: RequestContext): RegionState {
  return context.world.writableRegion(context.region);
}

/** AWS's rule for DB instance, cluster and snapshot identifiers: 1-63 letters, digits, hyphens; a letter first. */
export function checkIdentifier(parameter: string, value: string | undefined): string {
  if (value === undefined || value === '') throw missing(parameter);
  if (!/^[A-Za-z](?:-?[A-Za-z0-9])*$/.test(value) || value.length > 63) {
    throw invalidValue(
      `The parameter ${parameter} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.`,
    );
  }
  return value.toLowerCase();
}

/** AWS's master password rules (MySQL: 8-41 printable ASCII characters, none of / @ " and space). */
export function checkPassword(value: string | undefined, parameter = 'MasterUserPassword'): string {
  if (value === undefined || value === '') throw missing(parameter);
  if (!/^[\x21-\x7e]*$/.test(value) || /[/@"]/.test(value)) {
    throw invalidValue(
      `The parameter ${parameter} is not a valid password. Only printable ASCII characters besides '/', '@', '"', ' ' may be used.`,
    );
  }
  if (value.length < 8)
    throw invalidValue(`The parameter ${parameter} is not a valid password because it is shorter than 8 characters.`);
  if (value.length > 41)
    throw invalidValue(`The parameter ${parameter} is not a valid password because it is longer than 41 characters.`);
  return value;
}

/** MySQL's master user name: 1-16 letters, digits and underscores, a letter first; not a reserved word. */
export function checkMasterUsername(value: string | undefined): string {
  if (value === undefined || value === '') throw missing('MasterUsername');
  if (!/^[A-Za-z][A-Za-z0-9_]{0,15}$/.test(value))
    throw invalidValue(
      'The parameter MasterUsername is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and underscores; and must be at most 16 characters.',
    );
  if (['rdsadmin', 'select', 'user', 'table'].includes(value.toLowerCase()))
    throw invalidValue(`MasterUsername ${value} cannot be used as it is a reserved word used by the engine`);
  return value;
}

/** MySQL's DBName: 1-64 letters, digits and underscores, a letter first. */
export function checkDbName(value: string | undefined, parameter = 'DBName'): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(value))
    throw invalidValue(`${parameter} must begin with a letter and contain only alphanumeric characters.`);
  return value;
}

export function instanceNotFound(id: string): PracticeError {
  return new PracticeError('DBInstanceNotFound', `DBInstance ${id} not found.`, 404);
}

export function clusterNotFound(id: string): PracticeError {
  return new PracticeError('DBClusterNotFoundFault', `DBCluster ${id} not found.`, 404);
}

/** A DB instance by identifier (any case) or ARN. */
export function findInstance(records: RegionState, id: string | undefined): DbInstanceRecord {
  if (!id) throw missing('DBInstanceIdentifier');
  const found = records.dbInstances.find((d) => d.id === id.toLowerCase() || d.arn === id);
  if (!found) throw instanceNotFound(id);
  return found;
}

export function findCluster(records: RegionState, id: string | undefined): DbClusterRecord {
  if (!id) throw missing('DBClusterIdentifier');
  const found = records.dbClusters.find((c) => c.id === id.toLowerCase() || c.arn === id);
  if (!found) throw clusterNotFound(id);
  return found;
}

/** Tags as the create calls take them: `[{ Key, Value }]`. */
export function tagsOf(list: readonly { Key?: string; Value?: string }[] | undefined): Tags {
  const tags: Tags = {};
  for (const t of list ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
  return tags;
}

/** Records an RDS event (DescribeEvents keeps the last 14 days, as AWS does). */
export function recordEvent(records: RegionState, event: Omit<DbEventRecord, 'date'>, at: Date): void {
  const events = (records.dbEvents ??= []);
  events.push({ ...event, date: at.toISOString() });
  const horizon = at.getTime() - 14 * 86_400_000;
  while (events.length && Date.parse(events[0]?.date ?? '') < horizon) events.shift();
}

export function instanceEvent(d: DbInstanceRecord, message: string, categories: string[], eventId?: string) {
  return { sourceId: d.id, sourceType: 'db-instance' as const, sourceArn: d.arn, message, categories, eventId };
}

export function clusterEvent(c: DbClusterRecord, message: string, categories: string[], eventId?: string) {
  return { sourceId: c.id, sourceType: 'db-cluster' as const, sourceArn: c.arn, message, categories, eventId };
}

/** RDS filters: exact values (no wildcards); identifiers may be names or ARNs. */
export function applyRdsFilters<T>(
  records: readonly T[],
  filters: readonly { Name?: string; Values?: string[] }[] | undefined,
  fields: Record<string, (r: T) => (string | undefined)[]>,
): T[] {
  if (!filters?.length) return [...records];
  for (const f of filters) {
    if (!fields[f.Name ?? '']) throw invalidValue(`Unrecognized filter name: ${f.Name ?? ''}`);
  }
  return records.filter((r) =>
    filters.every((f) => {
      const values = fields[f.Name ?? '']?.(r) ?? [];
      return (f.Values ?? []).some((v) => values.includes(v));
    }),
  );
}

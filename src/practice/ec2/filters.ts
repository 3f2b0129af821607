// EC2's `Filter.N.Name` / `Filter.N.Value.M` and ID lists: wildcards `*` and `?`, the tag filters
// (`tag:Key`, `tag-key`, `tag-value`), AWS's error for an unknown filter, and NotFound for missing IDs.
import type { Filter } from '@aws-sdk/client-ec2';
import { PracticeError } from '../core/errors';
import type { Tags } from '../core/records';

type FieldValue = string | number | boolean | undefined;
/** Filter name -> the record's values for it (a record matches a filter when any value matches). */
export type FilterFields<T> = Record<string, (record: T) => FieldValue | readonly FieldValue[]>;

const patternCache = new Map<string, RegExp>();

function pattern(value: string): RegExp {
  let re = patternCache.get(value);
  if (!re) {
    const source = value
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.');
    re = new RegExp(`^${source}$`, 's');
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(value, re);
  }
  return re;
}

function anyMatches(values: readonly FieldValue[], wanted: readonly RegExp[]): boolean {
  return values.some((v) => v !== undefined && wanted.some((re) => re.test(String(v))));
}

/** Keeps the records matching every filter; values within one filter are alternatives. */
export function applyFilters<T>(
  records: readonly T[],
  filters: readonly Filter[] | undefined,
  fields: FilterFields<T>,
  tagsOf: (record: T) => Tags,
): T[] {
  if (!filters?.length) return [...records];
  const tests = filters.map((filter): ((record: T) => boolean) => {
    const name = filter.Name ?? '';
    const wanted = (filter.Values ?? []).map(pattern);
    if (name.startsWith('tag:')) {
      const key = name.slice(4);
      return (r) => {
        const value = tagsOf(r)[key];
        return value !== undefined && anyMatches([value], wanted);
      };
    }
    if (name === 'tag-key') return (r) => anyMatches(Object.keys(tagsOf(r)), wanted);
    if (name === 'tag-value') return (r) => anyMatches(Object.values(tagsOf(r)), wanted);
    const field = fields[name];
    if (!field) throw new PracticeError('InvalidParameterValue', `The filter '${name}' is invalid`);
    return (r) => {
      const value = field(r);
      return anyMatches(Array.isArray(value) ? value : [value as FieldValue], wanted);
    };
  });
  return records.filter((r) => tests.every((test) => test(r)));
}

export interface IdRules {
  /** e.g. "i" for instance IDs. */
  prefix: string;
  /** AWS's code for a malformed ID (e.g. InvalidInstanceID.Malformed). */
  malformedCode: string;
  /** AWS's code and message for IDs that do not exist. */
  notFound: (missing: readonly string[]) => PracticeError;
}

/** The records named by an ID list, in the records' order; AWS's errors for malformed or missing IDs. */
export function selectByIds<T>(
  records: readonly T[],
  ids: readonly string[] | undefined,
  idOf: (record: T) => string,
  rules: IdRules,
): T[] {
  if (!ids?.length) return [...records];
  const wellFormed = new RegExp(`^${rules.prefix}-([0-9a-f]{8}|[0-9a-f]{17})$`);
  for (const id of ids) {
    if (!wellFormed.test(id)) {
      throw new PracticeError(rules.malformedCode, `Invalid id: "${id}" (expecting "${rules.prefix}-...")`);
    }
  }
  const wanted = new Set(ids);
  const found = records.filter((r) => wanted.has(idOf(r)));
  if (found.length < wanted.size) {
    const present = new Set(found.map(idOf));
    throw rules.notFound([...wanted].filter((id) => !present.has(id)));
  }
  return found;
}

/** EC2's "The instance ID 'i-1' does not exist" / "The instance IDs 'i-1, i-2' do not exist". */
export function notFoundMessage(noun: string, missing: readonly string[]): string {
  return missing.length === 1
    ? `The ${noun} ID '${missing[0]}' does not exist`
    : `The ${noun} IDs '${missing.join(', ')}' do not exist`;
}

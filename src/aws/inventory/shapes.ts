// Small conversions shared by every section's mapping.
import type { Tags } from '../types';

/** AWS's tag lists ({Key, Value}[]) as a plain record. */
export function tagsOf(list: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): Tags {
  const tags: Record<string, string> = {};
  for (const t of list ?? []) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
  return tags;
}

/** The Name tag, when it says something. */
export function nameOf(tags: Tags): string | undefined {
  return tags.Name || undefined;
}

export function iso(d: Date | string | undefined): string | undefined {
  if (d === undefined) return undefined;
  return typeof d === 'string' ? d : Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** AWS answers '' for "none" in several places (PublicDnsName, PublicIpAddress on stopped instances). */
export function present(s: string | undefined): string | undefined {
  return s === undefined || s === '' ? undefined : s;
}

/** Only the defined entries: optional fields stay absent instead of `undefined` (clean JSON, clean deepEqual). */
export function defined<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** Freezes the snapshot all the way down: views and checks read it, none may change it. */
export function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

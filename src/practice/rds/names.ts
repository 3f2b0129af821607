// RDS names: ARNs and endpoint host names (`<id>.<label>.<region>.rds.amazonaws.com`, the label one per account
// and region), and the hosted zone AWS answers with them.
import { PRACTICE_ACCOUNT_ID } from '../core/constants';
import { derivedAlphanumeric } from '../core/ids';

const HOSTED_ZONES: Record<string, string> = { 'ap-northeast-1': 'Z24O6O9L7SGTNB', 'us-east-1': 'Z2R2ITUGPM61AM' };

export function hostedZoneId(region: string): string {
  return HOSTED_ZONES[region] ?? 'Z2R2ITUGPM61AM';
}

/** RDS host names share one per-account, per-region label: `<id>.<label>.<region>.rds.amazonaws.com`. */
export function rdsHostName(region: string, identifier: string, kind: '' | 'cluster-' | 'cluster-ro-' = ''): string {
  const label = derivedAlphanumeric(12, PRACTICE_ACCOUNT_ID, region, 'rds').toLowerCase();
  return `${identifier}.${kind}${label}.${region}.rds.amazonaws.com`;
}

export function rdsArn(region: string, kind: 'db' | 'cluster' | 'subgrp' | 'es', name: string): string {
  return `arn:aws:rds:${region}:${PRACTICE_ACCOUNT_ID}:${kind}:${name}`;
}

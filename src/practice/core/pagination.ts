// Pages as AWS cuts them: an opaque token (EC2 NextToken, ELBv2/RDS Marker, Auto Scaling NextToken)
// that resumes after the last item returned, and each API's own page-size limits and error codes.
import { PracticeError } from './errors';

export interface PageRequest {
  /** The token or marker the caller sent back. */
  token?: string;
  /** Items per page; undefined means the API's default. */
  size?: number;
}

export interface PageRules {
  /** Names the listing in tokens, so a token from another listing is refused. */
  listing: string;
  min: number;
  max: number;
  /** Page size when the caller gives none (Infinity: everything, as EC2 does). */
  defaultSize: number;
  /** EC2 clamps an oversized page to its maximum instead of refusing it (DescribeVolumes, DescribeSnapshots). */
  clampAboveMax?: boolean;
  /** Builds the error for a size out of range. */
  sizeError: (size: number) => PracticeError;
  tokenError: (token: string) => PracticeError;
}

export interface Page<T> {
  items: T[];
  /** Set when more items follow. */
  next?: string;
}

function encodeToken(listing: string, offset: number): string {
  return Buffer.from(JSON.stringify({ l: listing, o: offset })).toString('base64');
}

function decodeToken(listing: string, token: string): number | undefined {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { l?: unknown; o?: unknown };
    if (value.l === listing && typeof value.o === 'number' && Number.isInteger(value.o) && value.o >= 0) return value.o;
  } catch {
    // not ours: refused below
  }
  return undefined;
}

export function paginate<T>(items: readonly T[], request: PageRequest, rules: PageRules): Page<T> {
  let size = request.size ?? rules.defaultSize;
  if (request.size !== undefined) {
    if (size > rules.max && rules.clampAboveMax) size = rules.max;
    if (size < rules.min || size > rules.max) throw rules.sizeError(request.size);
  }
  let offset = 0;
  if (request.token) {
    const decoded = decodeToken(rules.listing, request.token);
    if (decoded === undefined) throw rules.tokenError(request.token);
    offset = decoded;
  }
  const end = Math.min(items.length, offset + size);
  const page = items.slice(offset, end);
  return end < items.length ? { items: page, next: encodeToken(rules.listing, end) } : { items: page };
}

// ---- each protocol family's rules -----------------------------------------------------------------

/** EC2 `MaxResults`/`NextToken`: all results when MaxResults is absent. */
export function ec2Rules(listing: string, min: number, max: number, clampAboveMax = false): PageRules {
  return {
    listing,
    min,
    max,
    defaultSize: Number.POSITIVE_INFINITY,
    clampAboveMax,
    sizeError: (size) =>
      new PracticeError(
        'InvalidParameterValue',
        `Value ( ${size} ) for parameter maxResults is invalid. Expecting a value between ${min} and ${max}.`,
      ),
    tokenError: () => new PracticeError('InvalidPaginationToken', 'The pagination token is invalid.'),
  };
}

/** ELBv2 `PageSize`/`Marker`: 1..400. */
export function elbRules(listing: string): PageRules {
  return {
    listing,
    min: 1,
    max: 400,
    defaultSize: 400,
    sizeError: (size) =>
      new PracticeError(
        'ValidationError',
        `1 validation error detected: Value '${size}' at 'pageSize' failed to satisfy constraint: Member must have value ${size < 1 ? 'greater than or equal to 1' : 'less than or equal to 400'}`,
      ),
    tokenError: () => new PracticeError('ValidationError', 'Invalid value for marker'),
  };
}

/** RDS `MaxRecords`/`Marker`: 20..100, default 100. */
export function rdsRules(listing: string): PageRules {
  return {
    listing,
    min: 20,
    max: 100,
    defaultSize: 100,
    sizeError: (size) =>
      new PracticeError('InvalidParameterValue', `Invalid value ${size} for MaxRecords. Must be between 20 and 100`),
    tokenError: () => new PracticeError('InvalidParameterValue', 'An invalid marker was supplied.'),
  };
}

/** Auto Scaling `MaxRecords`/`NextToken`: default 50, maximum 100. */
export function autoScalingRules(listing: string): PageRules {
  return {
    listing,
    min: 1,
    max: 100,
    defaultSize: 50,
    sizeError: (size) =>
      new PracticeError(
        'ValidationError',
        `1 validation error detected: Value '${size}' at 'maxRecords' failed to satisfy constraint: Member must have value ${size < 1 ? 'greater than or equal to 1' : 'less than or equal to 100'}`,
      ),
    tokenError: () => new PracticeError('InvalidNextToken', 'The NextToken value is invalid.'),
  };
}

// AWS failures reduced to the few kinds a student can act on. Domain code throws or returns these facts;
// platform/errors.ts (UI) turns them into localized sentences. No user-facing text here.

export type AwsProblem =
  /** No credentials anywhere (no profile, no environment variables, no SSO session). */
  | { readonly kind: 'noCredentials'; readonly profile?: string }
  /** The profile named in settings or AWS_PROFILE is not in ~/.aws/config or ~/.aws/credentials. */
  | { readonly kind: 'profileNotFound'; readonly profile: string }
  /** SSO token or temporary credentials expired; `ssoLogin` is the command to run when it is an SSO profile. */
  | { readonly kind: 'credentialsExpired'; readonly profile?: string; readonly ssoLogin?: string }
  /** Keys rejected (InvalidClientTokenId, SignatureDoesNotMatch, AuthFailure, UnrecognizedClient). */
  | { readonly kind: 'credentialsInvalid'; readonly profile?: string; readonly code: string }
  /** IAM said no; `action` is "service:Action" as IAM names it. */
  | { readonly kind: 'accessDenied'; readonly action: string; readonly message?: string }
  | { readonly kind: 'throttled'; readonly action: string }
  /**
   * DNS, refused connection, timeout, dropped connection; or an answer that is not AWS's (a proxy, a captive
   * portal, a wrong endpoint URL): code `HTTP <status>`, or `NotAws` for a 2xx that is not an AWS document.
   */
  | { readonly kind: 'network'; readonly endpoint?: string; readonly code: string; readonly status?: number }
  /** A resource that is gone (deleted behind our back) or never existed. */
  | { readonly kind: 'notFound'; readonly resource?: string; readonly code: string; readonly message?: string }
  /** The endpoint does not implement the action (practice account, LocalStack, moto). */
  | { readonly kind: 'unsupported'; readonly action: string; readonly code: string }
  /** The practice account's state file cannot be used: another program holds it, or it cannot be read/written. */
  | {
      readonly kind: 'practiceState';
      readonly code: 'locked' | 'notWritable' | 'notReadable';
      readonly file: string;
      readonly pid?: number;
    }
  | {
      readonly kind: 'service';
      readonly action: string;
      readonly code: string;
      readonly status?: number;
      readonly message?: string;
    };

/** Thrown by domain code; carries the facts and keeps the original error as `cause` for the log. */
export class AwsError extends Error {
  constructor(
    readonly problem: AwsProblem,
    options?: { cause?: unknown },
  ) {
    super(describeProblem(problem), options);
    this.name = 'AwsError';
  }

  /**
   * The extension's bundles (extension.js, domain.js, ssh.js) each carry this class: an error made in one is
   * caught in another, so `instanceof` judges by name and shape, not by which copy of the class made it.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Error && value.name === 'AwsError' && 'problem' in value;
  }
}

/** A terse English description for logs and the CLI (not for the UI, which localizes). */
export function describeProblem(p: AwsProblem): string {
  switch (p.kind) {
    case 'noCredentials':
      return `No AWS credentials found${p.profile ? ` for profile ${p.profile}` : ''}`;
    case 'profileNotFound':
      return `Profile ${p.profile} is not in the AWS config files`;
    case 'credentialsExpired':
      return `Credentials expired${p.profile ? ` for profile ${p.profile}` : ''}${p.ssoLogin ? `; run: ${p.ssoLogin}` : ''}`;
    case 'credentialsInvalid':
      return `Credentials rejected (${p.code})${p.profile ? ` for profile ${p.profile}` : ''}`;
    case 'accessDenied':
      return `Access denied: ${p.action}${p.message ? ` (${p.message})` : ''}`;
    case 'throttled':
      return `Throttled by AWS: ${p.action}`;
    case 'network':
      if (p.code === 'NotAws') return `The endpoint ${p.endpoint ?? 'AWS'} did not answer like AWS`;
      if (p.status !== undefined) return `The endpoint ${p.endpoint ?? 'AWS'} answered HTTP ${p.status}`;
      return `Cannot reach ${p.endpoint ?? 'AWS'} (${p.code})`;
    case 'notFound':
      return `Not found${p.resource ? `: ${p.resource}` : ''} (${p.code})`;
    case 'unsupported':
      return `Not supported by this endpoint: ${p.action} (${p.code})`;
    case 'practiceState':
      return `Practice state file ${p.file}: ${p.code}${p.pid !== undefined ? ` (pid ${p.pid})` : ''}`;
    case 'service':
      return `${p.action} failed: ${p.code}${p.message ? ` ${p.message}` : ''}`;
  }
}

/** Where a failure happened, so the problem can name it. */
export interface AwsErrorContext {
  /** The IAM action, "ec2:DescribeInstances". */
  readonly action: string;
  readonly profile?: string;
  readonly endpoint?: string;
  /** The profile signs in through IAM Identity Center (sso_session or sso_start_url). */
  readonly sso?: boolean;
}

const credentialsInvalidCodes = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'AuthFailure',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
]);
const credentialsExpiredCodes = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const accessDeniedCodes = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);
const throttledCodes = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
]);
const networkCodes = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'TimeoutError',
]);
const unsupportedCodes = new Set(['InvalidAction', 'UnknownOperationException', 'NotImplemented']);

/** The fields the SDK puts on its errors (ServiceException, ProviderError, Node system errors). */
interface ErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Code?: unknown;
  hostname?: unknown;
  errors?: unknown;
  $metadata?: { httpStatusCode?: number; requestId?: string };
  $response?: { statusCode?: number };
}

function shapeOf(error: unknown): ErrorShape {
  return typeof error === 'object' && error !== null ? (error as ErrorShape) : { message: String(error) };
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** Node's system error code, also when it hides in an AggregateError (IPv4 + IPv6 attempts) or `cause`. */
function systemCode(e: ErrorShape, depth = 0): string | undefined {
  const code = str(e.code);
  if (code && networkCodes.has(code)) return code;
  if (depth > 2) return undefined;
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const c = systemCode(shapeOf(inner), depth + 1);
      if (c) return c;
    }
  }
  const cause = (e as { cause?: unknown }).cause;
  return cause !== undefined ? systemCode(shapeOf(cause), depth + 1) : undefined;
}

/** "... is not authorized to perform: ec2:DescribeInstances on resource ..." -> "ec2:DescribeInstances". */
function deniedAction(message: string | undefined): string | undefined {
  return message?.match(/not authorized to perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/)?.[1];
}

/** The resource a NotFound message names: a quoted token, an ARN, or an AWS-style ID. */
function resourceIn(message: string | undefined): string | undefined {
  if (!message) return undefined;
  return (
    message.match(/'([^']+)'/)?.[1] ??
    message.match(/(arn:aws[a-z-]*:[^\s,]+)/)?.[1] ??
    message.match(/\b((?:i|vol|snap|ami|sg|subnet|vpc|eipalloc|igw|rtb)-[0-9a-f]{8,17})\b/)?.[1]
  );
}

/** An SSO sign-in that ran out or never happened: `aws sso login` fixes it. */
function isSsoSessionProblem(name: string, message: string): boolean {
  if (/SSO session|sso login|SSO Token|SSO session token|Token is expired/i.test(message)) return true;
  return name === 'TokenProviderError';
}

/** Reduces any error the SDK (or Node under it) throws to the facts a student can act on. */
export function toAwsProblem(error: unknown, ctx: AwsErrorContext): AwsProblem {
  if (error instanceof AwsError) return error.problem;
  const e = shapeOf(error);
  const name = str(e.name) ?? 'Error';
  const code = str(e.Code) ?? (name === 'Error' ? str(e.code) : undefined) ?? name;
  const message = str(e.message);
  const profile = ctx.profile;
  const ssoLogin = ctx.sso && profile ? `aws sso login --profile ${profile}` : undefined;
  const withProfile = profile ? { profile } : {};

  if (name === 'CredentialsProviderError' || name === 'TokenProviderError' || name === 'ProviderError') {
    if (isSsoSessionProblem(name, message ?? '') || (ctx.sso && /expired|invalid/i.test(message ?? ''))) {
      return { kind: 'credentialsExpired', ...withProfile, ...(ssoLogin ? { ssoLogin } : {}) };
    }
    return { kind: 'noCredentials', ...withProfile };
  }
  if (message?.startsWith('Could not load credentials')) return { kind: 'noCredentials', ...withProfile };
  // The SSO portal refusing the cached token (revoked or signed out elsewhere).
  if (ctx.sso && code === 'UnauthorizedException') {
    return { kind: 'credentialsExpired', ...withProfile, ...(ssoLogin ? { ssoLogin } : {}) };
  }
  if (credentialsExpiredCodes.has(code)) {
    return { kind: 'credentialsExpired', ...withProfile, ...(ssoLogin ? { ssoLogin } : {}) };
  }
  if (credentialsInvalidCodes.has(code)) return { kind: 'credentialsInvalid', ...withProfile, code };
  if (accessDeniedCodes.has(code)) {
    return { kind: 'accessDenied', action: deniedAction(message) ?? ctx.action, ...(message ? { message } : {}) };
  }
  if (throttledCodes.has(code)) return { kind: 'throttled', action: ctx.action };

  const sys = systemCode(e);
  if (sys || networkCodes.has(name) || /socket hang up/i.test(message ?? '')) {
    const endpoint = ctx.endpoint ?? str(e.hostname);
    return {
      kind: 'network',
      ...(endpoint ? { endpoint } : {}),
      code: sys ?? (networkCodes.has(name) ? name : 'ECONNRESET'),
    };
  }
  // An HTTP answer that is not AWS's (a captive portal, a proxy, a wrong endpoint URL): no request ID and no
  // error document, so the SDK could only name the status. For the student that is "cannot reach AWS".
  // A body the SDK could not parse at all (HTML, plain text) is "Deserialization error ... $response".
  const status = e.$metadata?.httpStatusCode ?? e.$response?.statusCode;
  const unparsed = message === undefined || message === 'Unknown' || /Deserialization error/.test(message);
  if (status !== undefined && !e.$metadata?.requestId && unparsed) {
    const endpoint = ctx.endpoint;
    const code = status < 300 ? 'NotAws' : `HTTP ${status}`;
    return { kind: 'network', ...(endpoint ? { endpoint } : {}), code, status };
  }
  if (/\.NotFound$|NotFound$|NotFoundFault$|NotFoundException$/.test(code)) {
    const resource = resourceIn(message);
    return { kind: 'notFound', ...(resource ? { resource } : {}), code, ...(message ? { message } : {}) };
  }
  if (unsupportedCodes.has(code)) return { kind: 'unsupported', action: ctx.action, code };

  return {
    kind: 'service',
    action: ctx.action,
    code,
    ...(status !== undefined ? { status } : {}),
    ...(message ? { message } : {}),
  };
}

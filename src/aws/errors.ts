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
  /** DNS, refused connection, timeout, dropped connection. */
  | { readonly kind: 'network'; readonly endpoint?: string; readonly code: string }
  /** A resource that is gone (deleted behind our back) or never existed. */
  | { readonly kind: 'notFound'; readonly resource?: string; readonly code: string; readonly message?: string }
  /** The endpoint does not implement the action (practice account, LocalStack, moto). */
  | { readonly kind: 'unsupported'; readonly action: string; readonly code: string }
  | { readonly kind: 'service'; readonly action: string; readonly code: string; readonly status?: number; readonly message?: string };

/** Thrown by domain code; carries the facts and keeps the original error as `cause` for the log. */
export class AwsError extends Error {
  constructor(
    readonly problem: AwsProblem,
    options?: { cause?: unknown },
  ) {
    super(describeProblem(problem), options);
    this.name = 'AwsError';
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
      return `Cannot reach ${p.endpoint ?? 'AWS'} (${p.code})`;
    case 'notFound':
      return `Not found${p.resource ? `: ${p.resource}` : ''} (${p.code})`;
    case 'unsupported':
      return `Not supported by this endpoint: ${p.action} (${p.code})`;
    case 'service':
      return `${p.action} failed: ${p.code}${p.message ? ` ${p.message}` : ''}`;
  }
}

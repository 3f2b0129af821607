// AwsProblem -> what a student reads: one sentence saying what happened and what to do, plus the one action
// that helps. Pure (takes the translator), so the explorer model and unit tests share it with the UI.
import type { AwsProblem } from '../aws/errors';
import type { Translate } from './translate';

/** A follow-up the UI can offer as a button or as the error node's command. */
export type ProblemAction =
  | { readonly kind: 'ssoLogin'; readonly profile: string }
  | { readonly kind: 'chooseAccount' }
  | { readonly kind: 'refresh' };

export interface ProblemMessage {
  /** Short enough for a notification or a tree row. */
  readonly message: string;
  /** The shell command to run, when there is one (shown verbatim, never translated). */
  readonly commandLine?: string;
  readonly action?: ProblemAction;
}

export function problemMessage(p: AwsProblem, t: Translate): ProblemMessage {
  switch (p.kind) {
    case 'noCredentials':
      return {
        message: t('No AWS credentials found. Sign in with the AWS CLI or choose the practice account.'),
        action: { kind: 'chooseAccount' },
      };
    case 'profileNotFound':
      return {
        message: t(
          'Profile "{0}" is not in ~/.aws/config or ~/.aws/credentials. Choose another profile or the practice account.',
          p.profile,
        ),
        action: { kind: 'chooseAccount' },
      };
    case 'credentialsExpired': {
      const profile = p.profile;
      if (p.ssoLogin && profile) {
        return {
          message: t('Your AWS sign-in for profile "{0}" has expired. Run: {1}', profile, p.ssoLogin),
          commandLine: p.ssoLogin,
          action: { kind: 'ssoLogin', profile },
        };
      }
      return {
        message: profile
          ? t(
              'The AWS credentials of profile "{0}" have expired. Sign in again with the AWS CLI, then refresh.',
              profile,
            )
          : t('Your AWS credentials have expired. Sign in again with the AWS CLI, then refresh.'),
        action: { kind: 'chooseAccount' },
      };
    }
    case 'credentialsInvalid':
      return {
        message: p.profile
          ? t(
              'AWS rejected the credentials of profile "{0}" ({1}). Check the access key or sign in again.',
              p.profile,
              p.code,
            )
          : t('AWS rejected your credentials ({0}). Check the access key or sign in again.', p.code),
        action: { kind: 'chooseAccount' },
      };
    case 'accessDenied':
      return {
        message: t(
          'Access denied: your IAM permissions do not allow {0}. Ask your administrator to allow it.',
          p.action,
        ),
      };
    case 'throttled':
      return {
        message: t('AWS is limiting the request rate ({0}). Wait a moment, then refresh.', p.action),
        action: { kind: 'refresh' },
      };
    case 'network':
      // An answer that is not AWS's: the network was reached, the URL (or a proxy on the way) is the cause.
      if (p.code === 'NotAws')
        return {
          message: p.endpoint
            ? t(
                '{0} answered, but not as AWS answers (a web page or a proxy instead). Check the endpoint URL setting, then refresh.',
                p.endpoint,
              )
            : t(
                'The answer did not come from AWS (a web page or a proxy instead): a proxy or captive portal on your network may be in the way. Sign in to the network or check its proxy, then refresh.',
              ),
          action: { kind: 'refresh' },
        };
      if (p.status !== undefined)
        return {
          message: p.endpoint
            ? t(
                '{0} answered HTTP {1} without an AWS error: the endpoint URL may be wrong, or a proxy is in between. Check the endpoint URL setting, then refresh.',
                p.endpoint,
                p.status,
              )
            : t(
                'The connection to AWS answered HTTP {0} without an AWS error: a proxy on your network may be in between. Check your network, then refresh.',
                p.status,
              ),
          action: { kind: 'refresh' },
        };
      return {
        message: t(
          'Cannot reach {0} ({1}). Check your network connection or the endpoint URL setting, then refresh.',
          p.endpoint ?? 'AWS',
          p.code,
        ),
        action: { kind: 'refresh' },
      };
    case 'notFound':
      return {
        message: p.resource
          ? t('{0} was not found; it may have been deleted. Refresh to see the current state.', p.resource)
          : t('The resource was not found ({0}); it may have been deleted. Refresh to see the current state.', p.code),
        action: { kind: 'refresh' },
      };
    case 'unsupported':
      return { message: t('This endpoint does not support {0} ({1}).', p.action, p.code) };
    case 'practiceState':
      return { message: practiceStateText(p, t), action: { kind: 'refresh' } };
    case 'service':
      return {
        message: t(
          '{0} failed: {1}. Try again; the logs have the details.',
          p.action,
          p.message ? `${p.code} ${p.message}` : p.code,
        ),
        action: { kind: 'refresh' },
      };
  }
}

/** The practice state file's problems, each with what to do (another window's account is shared when it answers). */
function practiceStateText(p: Extract<AwsProblem, { kind: 'practiceState' }>, t: Translate): string {
  if (p.code === 'locked')
    return t(
      'The practice account is held by another program (pid {0}) that does not answer. Close the other VS Code window or scale-out-lab practice serve, then refresh.',
      p.pid ?? '?',
    );
  if (p.code === 'notWritable')
    return t(
      'The practice account cannot save its state: the folder of {0} is not writable. Fix its permissions, then refresh.',
      p.file,
    );
  return t(
    'The practice account cannot read its state file {0} (permission denied). Fix its permissions, then refresh.',
    p.file,
  );
}

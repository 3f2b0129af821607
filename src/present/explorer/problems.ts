// Error rows: an AWS problem in the student's words (a failed load under the account, a section that could not
// be read in its group), with the AWS action it concerns and the command that fixes it (SSO sign-in, choose
// an account) when there is one.
import type { AwsProblem } from '../../aws/errors';
import { COMMANDS } from '../../vscode/commands/ids';
import { problemMessage } from '../problemMessages';
import type { Translate } from '../translate';
import { add, icon, type ExplorerNode, type MutableNode } from './nodes';
import { mdCode, mdFields, mdText } from './text';

export function addProblem(
  parent: ExplorerNode,
  id: string,
  problem: AwsProblem,
  action: string | undefined,
  t: Translate,
): MutableNode {
  const { message, commandLine, action: follow } = problemMessage(problem, t);
  const command =
    follow?.kind === 'ssoLogin'
      ? { id: COMMANDS.ssoLogin, title: t('Sign In with AWS SSO'), args: [follow.profile] }
      : follow?.kind === 'chooseAccount'
        ? { id: COMMANDS.chooseAccount, title: t('Choose Account…') }
        : undefined;
  const tooltip = [
    mdText(message),
    commandLine ? '```sh\n' + commandLine + '\n```' : undefined,
    action ? mdFields([[t('Action'), mdCode(action)]]) : undefined,
  ]
    .filter(Boolean)
    .join('\n\n');
  return add(parent, {
    kind: 'error',
    id,
    label: message,
    description: action,
    tooltip,
    icon: icon('error', 'bad'),
    command,
    problem,
    tokens: follow && follow.kind !== 'refresh' ? [follow.kind] : [],
  });
}

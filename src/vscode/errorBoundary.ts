// The one error boundary: every command handler runs inside it. The whole error goes to the log; the student
// sees one short localized sentence with "Show Logs" (and the one action that helps, when there is one).
// A cancelled workflow is silent. Lower layers only throw.
import * as vscode from 'vscode';
import { AwsError, type AwsProblem } from '../aws/errors';
import { COMMANDS } from './commands/ids';
import { stepTitle } from '../present/lab/steps';
import { reasonText } from '../present/lab/reasons';
import { StepError } from '../lab/types';
import { SshError } from '../ssh/errors';
import { problemMessage, type ProblemAction } from '../present/problemMessages';
import { sshProblemMessage } from '../present/sshMessages';

/** True for the ways a workflow says "the user cancelled": nothing to report. */
export function isCancellation(error: unknown): boolean {
  if (error instanceof vscode.CancellationError) return true;
  const name = (error as { name?: unknown } | undefined)?.name;
  return name === 'AbortError' || name === 'Canceled' || name === 'CancellationError';
}

export function problemOf(error: unknown): AwsProblem | undefined {
  return error instanceof AwsError ? error.problem : undefined;
}

/** The error with its stack, the SDK's request metadata and the cause chain, for the log. */
export function formatErrorForLog(error: unknown): string {
  const lines: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    if (current instanceof Error) {
      lines.push((depth > 0 ? 'Caused by: ' : '') + (current.stack ?? `${current.name}: ${current.message}`));
      const meta = (current as { $metadata?: { httpStatusCode?: number; requestId?: string } }).$metadata;
      if (meta?.httpStatusCode || meta?.requestId) {
        lines.push(`  (HTTP ${meta.httpStatusCode ?? '?'}, request id ${meta.requestId ?? '?'})`);
      }
      current = (current as { cause?: unknown }).cause;
    } else {
      lines.push((depth > 0 ? 'Caused by: ' : '') + safeString(current));
      current = undefined;
    }
  }
  return lines.join('\n');
}

function safeString(value: unknown): string {
  try {
    return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Logs the error and shows it; the returned promise does not wait for the user to answer. */
export function reportError(error: unknown, log: vscode.LogOutputChannel, where: string): void {
  if (isCancellation(error)) {
    log.debug(`${where}: cancelled`);
    return;
  }
  const t = vscode.l10n.t;
  if (error instanceof StepError) {
    // Not a failure of ours: the step cannot run yet, for a reason the student can act on.
    log.info(`${where}: ${error.message}`);
    void vscode.window.showWarningMessage(`${stepTitle(error.step, t)}: ${reasonText(error.reason, t)}`);
    return;
  }
  log.error(`${where} failed:\n${formatErrorForLog(error)}`);
  const problem = problemOf(error);
  const { message, action } = problem
    ? problemMessage(problem, t)
    : error instanceof SshError
      ? { message: sshProblemMessage(error.problem, t), action: undefined }
      : {
          message: t('Something went wrong: {0}', error instanceof Error ? error.message : String(error)),
          action: undefined,
        };
  showErrorWithActions(message, action, log);
}

/** An error notification with the problem's action (if any) and "Show Logs". */
export function showErrorWithActions(
  message: string,
  action: ProblemAction | undefined,
  log: vscode.LogOutputChannel,
): void {
  const t = vscode.l10n.t;
  const showLogs = t('Show Logs');
  const actionTitle =
    action?.kind === 'ssoLogin'
      ? t('Sign In with AWS SSO')
      : action?.kind === 'chooseAccount'
        ? t('Choose Account…')
        : action?.kind === 'refresh'
          ? t('Refresh')
          : undefined;
  const buttons = actionTitle ? [actionTitle, showLogs] : [showLogs];
  void vscode.window.showErrorMessage(message, ...buttons).then(async (choice) => {
    try {
      if (choice === showLogs) log.show(true);
      else if (choice !== undefined && action?.kind === 'ssoLogin')
        await vscode.commands.executeCommand(COMMANDS.ssoLogin, action.profile);
      else if (choice !== undefined && action?.kind === 'chooseAccount')
        await vscode.commands.executeCommand(COMMANDS.chooseAccount);
      else if (choice !== undefined && action?.kind === 'refresh')
        await vscode.commands.executeCommand(COMMANDS.refresh);
    } catch (error) {
      log.error(`Follow-up action failed:\n${formatErrorForLog(error)}`);
    }
  });
}

/**
 * Wraps a command handler: errors are reported once, here, and never escape to VS Code's generic popup. The
 * handler's result is passed on (`executeCommand` callers such as tests read it); undefined after an error.
 */
export function withErrorBoundary<A extends unknown[], R>(
  where: string,
  handler: (...args: A) => R | PromiseLike<R>,
  log: vscode.LogOutputChannel,
): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      reportError(error, log, where);
      return undefined;
    }
  };
}

// Commands about which account and region the explorer shows, the practice account, and AWS SSO sign-in.
import * as vscode from 'vscode';
import { commonRegions, isRegionCode } from '../../present/regions';
import { SETTING_KEYS, type AccountSource } from '../settings/read';
import type { ExplorerNode } from '../../present/explorer/nodes';
import { EXPLORER_VIEW_ID } from './ids';
import type { CommandDeps } from './deps';

const t = vscode.l10n.t;

type AccountItem = vscode.QuickPickItem & {
  readonly choice?: { readonly source: AccountSource; readonly profile?: string };
};

export async function chooseAccount({ log, settings }: CommandDeps): Promise<void> {
  const { listProfiles } = await import('../domain.js');
  const profiles = await listProfiles().catch((error: unknown) => {
    log.warn(`Reading the AWS config files: ${String(error)}`);
    return [] as string[];
  });
  const current = settings.current.account;
  const mark = (on: boolean) => (on ? t('current') : undefined);
  const items: AccountItem[] = [
    {
      label: `$(beaker) ${t('Practice account')}`,
      description: mark(current.source === 'practice'),
      detail: t('A local copy of the lab on this computer: free, offline, starts from WebServer.'),
      choice: { source: 'practice' },
    },
    {
      label: `$(sync) ${t('Automatic')}`,
      description: mark(current.source === 'auto' && !current.profile),
      detail: t(
        'Your AWS credentials when they are set up (AWS_PROFILE or the default profile), else the practice account.',
      ),
      choice: { source: 'auto' },
    },
    { label: t('AWS profiles'), kind: vscode.QuickPickItemKind.Separator },
    ...profiles.map((profile): AccountItem => ({
      label: `$(account) ${profile}`,
      description: mark(current.source !== 'practice' && current.profile === profile),
      choice: { source: 'aws', profile },
    })),
  ];
  if (profiles.length === 0) {
    items.push({
      label: `$(info) ${t('No AWS profiles found')}`,
      detail: t('Run "aws configure sso" (or "aws configure") in a terminal, then choose again.'),
    });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: t('Choose the account to explore'),
    placeHolder: t('The practice account costs nothing; an AWS profile shows your real account.'),
    matchOnDetail: true,
  });
  const choice = picked?.choice;
  if (!choice) return;
  // The profile first, then the source: the settings store delivers both as one change.
  if (choice.source !== 'practice') await settings.write(SETTING_KEYS.accountProfile, choice.profile);
  await settings.write(SETTING_KEYS.accountSource, choice.source);
}

type RegionItem = vscode.QuickPickItem & { readonly region?: string; readonly other?: boolean };

export async function chooseRegion({ settings }: CommandDeps): Promise<void> {
  const current = settings.current.account.region;
  const items: RegionItem[] = [
    {
      label: t('Default region'),
      description: current === undefined ? t('current') : undefined,
      detail: t("The profile's region, else ap-northeast-1 (Tokyo)."),
    },
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    ...commonRegions(t).map((r): RegionItem => ({
      label: r.code,
      description: [r.name, current === r.code ? t('current') : undefined].filter(Boolean).join(' · '),
      region: r.code,
    })),
    { label: `$(edit) ${t('Other region…')}`, other: true },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: t('Choose the region to explore'),
    matchOnDescription: true,
  });
  if (!picked) return;
  let region = picked.region;
  if (picked.other) {
    region = await vscode.window.showInputBox({
      title: t('Region code'),
      placeHolder: 'ap-northeast-1',
      value: current ?? '',
      validateInput: (value) =>
        isRegionCode(value.trim()) ? undefined : t('Enter a region code such as ap-northeast-1.'),
    });
    if (region === undefined) return;
    region = region.trim();
  }
  await settings.write(SETTING_KEYS.accountRegion, region);
}

export async function resetPracticeAccount({ service, explorer }: CommandDeps): Promise<void> {
  if (service.accountKind !== 'practice') {
    void vscode.window.showInformationMessage(
      t('The explorer is not on the practice account. Choose it with "Choose Account…" first.'),
    );
    return;
  }
  const reset = t('Reset');
  const answer = await vscode.window.showWarningMessage(
    t('Reset the practice account?'),
    {
      modal: true,
      detail: t(
        'Everything you created in it is deleted, and it starts again from the beginning of the lab (WebServer with its Elastic IP).',
      ),
    },
    reset,
  );
  if (answer !== reset) return;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Resetting the practice account…') },
    async () => {
      await service.resetPractice();
      await explorer.scheduler.refreshNow();
    },
  );
}

export async function refresh({ explorer }: CommandDeps): Promise<void> {
  await vscode.window.withProgress({ location: { viewId: EXPLORER_VIEW_ID } }, () => explorer.scheduler.refreshNow());
}

/** POSIX-and-PowerShell-safe single quoting for a profile name that needs it. */
function shellArg(value: string): string {
  return /^[A-Za-z0-9_.@+=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Opens a terminal running `aws sso login --profile X`. The argument is the profile (from an error's button or
 * an error node's command) or the error node itself (context menu). Refreshes when the sign-in succeeds.
 */
export async function ssoLogin({ service, explorer }: CommandDeps, arg?: string | ExplorerNode): Promise<void> {
  const problem = typeof arg === 'object' ? arg.problem : undefined;
  const profile =
    typeof arg === 'string'
      ? arg
      : ((problem && 'profile' in problem ? problem.profile : undefined) ?? service.profile ?? 'default');
  const terminal = vscode.window.createTerminal({ name: t('AWS SSO sign-in ({0})', profile) });
  terminal.show();
  terminal.sendText(`aws sso login --profile ${shellArg(profile)}`);
  // With shell integration we learn when the command ends; without it the next automatic refresh catches up.
  const ended = vscode.window.onDidEndTerminalShellExecution((e) => {
    if (e.terminal !== terminal || !e.execution.commandLine.value.includes('aws sso login')) return;
    ended.dispose();
    if (e.exitCode === 0) void explorer.scheduler.refreshNow();
  });
  const closed = vscode.window.onDidCloseTerminal((closedTerminal) => {
    if (closedTerminal !== terminal) return;
    ended.dispose();
    closed.dispose();
  });
}

// Command ids in one place, shared by the command table, the explorer model (node commands) and the tests
// that compare them with package.json. No `vscode` import: the pure explorer model uses these.

export const COMMANDS = {
  refresh: 'scaleOutLab.refresh',
  chooseAccount: 'scaleOutLab.chooseAccount',
  chooseRegion: 'scaleOutLab.chooseRegion',
  resetPracticeAccount: 'scaleOutLab.resetPracticeAccount',
  showLogs: 'scaleOutLab.showLogs',
  copyId: 'scaleOutLab.copyId',
  copyArn: 'scaleOutLab.copyArn',
  copyDnsName: 'scaleOutLab.copyDnsName',
  openInConsole: 'scaleOutLab.openInConsole',
  ssoLogin: 'scaleOutLab.ssoLogin',
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandId = (typeof COMMANDS)[CommandName];

/** Context keys the manifest's `when` clauses read. */
export const CONTEXT_KEYS = {
  onAws: 'scaleOutLab.onAws',
  onPractice: 'scaleOutLab.onPractice',
} as const;

export const EXPLORER_VIEW_ID = 'scaleOutLab.explorer';

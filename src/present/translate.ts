// The one shape of a message translator. In the extension it is `vscode.l10n.t`; pure modules (the explorer
// model, problem messages) take it as a parameter so they run in plain Node and in unit tests.
// Messages are English source strings with {0}-style placeholders; the Japanese bundle is keyed by them.

export type Translate = (message: string, ...args: Array<string | number | boolean>) => string;

// A step's questions before it runs: one list with the handouts' defaults filled in (Enter runs), each answer
// changed in its own picker, input box or save dialog; a choice can change which questions apply.
import * as vscode from 'vscode';
import { optionText } from '../../../present/lab/options';
import type { Reason, StepOption, StepOptions } from '../../../lab/types';
import { reasonText } from '../../../present/lab/reasons';

const t = vscode.l10n.t;

/** The answers to these questions: given, else the default (an answer to a question no longer asked is dropped). */
export function withDefaults(options: readonly StepOption[], given: StepOptions | undefined): StepOptions {
  return Object.fromEntries(options.map((o) => [o.key, given?.[o.key] ?? o.default]));
}

type SettingItem = vscode.QuickPickItem & { readonly run?: true; readonly option?: StepOption };

/** A ready plan's questions and what it says the run will do. */
export interface PlannedRun {
  readonly options: readonly StepOption[];
  readonly preview?: readonly Reason[];
}

/**
 * The settings as one list with the handouts' defaults filled in: Enter on the first row runs the step;
 * choosing a setting changes it and comes back. A key file is chosen with a save dialog (up front when asked).
 */
export async function chooseOptions(
  title: string,
  planned: PlannedRun,
  preset: StepOptions,
  filesFirst: boolean,
  replan: (values: StepOptions) => PlannedRun,
): Promise<StepOptions | undefined> {
  let options = planned.options;
  let preview = planned.preview ?? [];
  let values: Record<string, string> = { ...withDefaults(options, preset) };
  for (const o of filesFirst ? options.filter((o) => o.kind === 'file') : []) {
    const chosen = await editOption(o, values[o.key] ?? o.default);
    if (chosen === undefined) return undefined;
    values[o.key] = chosen;
  }
  // 1.6's kind of load balancer is one of its settings, the handout's by default (a CLB for seed 001): choosing
  // it plans the step again, since it decides the other settings.
  for (;;) {
    const items: SettingItem[] = [
      { label: `$(play) ${t('Run')}`, detail: t('with the settings below'), run: true },
      // What the run does besides its settings (seed 001: WebServer stopped first, both servers launched).
      ...preview.map((r): SettingItem => ({ label: `$(arrow-right) ${reasonText(r, t)}` })),
      ...(options.length > 0
        ? [{ label: t('Settings'), kind: vscode.QuickPickItemKind.Separator } satisfies SettingItem]
        : []),
      ...options.map((o): SettingItem => ({
        label: `$(edit) ${optionText(o.code, undefined, t)}`,
        description:
          valueText(o, values[o.key] ?? o.default) + (values[o.key] === o.default ? '' : ` · ${t('changed')}`),
        option: o,
      })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title,
      placeHolder: t('Press Enter to run, or choose a setting to change it'),
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    if (picked.run) return values;
    const option = picked.option;
    if (!option) continue;
    const changed = await editOption(option, values[option.key] ?? option.default);
    if (changed === undefined) continue;
    values[option.key] = changed;
    // A choice can change the questions; any answer can change what the preview says (a server's name or AZ).
    const again = replan(values);
    preview = again.preview ?? [];
    if (option.kind === 'choice') {
      options = again.options;
      values = { ...withDefaults(options, values) };
    }
  }
}

function valueText(o: StepOption, value: string): string {
  const choice = o.choices?.find((c) => c.value === value);
  return choice ? optionText(choice.code, choice.args, t) : value;
}

async function editOption(o: StepOption, current: string): Promise<string | undefined> {
  const question = optionText(o.code, undefined, t);
  switch (o.kind) {
    case 'choice':
      return pickChoice(question, o, current);
    case 'text':
      return vscode.window.showInputBox({
        title: question,
        value: current,
        ignoreFocusOut: true,
        validateInput: (v) => (v.trim() === '' ? t('Enter a value.') : undefined),
      });
    case 'file': {
      const home = process.env.HOME ?? process.env.USERPROFILE ?? '';
      const path = current.startsWith('~/') && home ? `${home}/${current.slice(2)}` : current;
      const uri = await vscode.window.showSaveDialog({
        title: question,
        defaultUri: vscode.Uri.file(path),
        filters: { [t('Private key')]: ['pem'] },
        saveLabel: t('Save Key Here'),
      });
      return uri?.fsPath;
    }
  }
}

/** A QuickPick with the current value preselected (showQuickPick cannot preselect). */
async function pickChoice(question: string, o: StepOption, current: string): Promise<string | undefined> {
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { value: string }>();
  qp.title = question;
  qp.ignoreFocusOut = true;
  qp.items = (o.choices ?? []).map((c) => ({
    label: optionText(c.code, c.args, t),
    description: c.value === o.default ? t('default') : undefined,
    value: c.value,
  }));
  qp.activeItems = qp.items.filter((i) => i.value === current);
  try {
    return await new Promise<string | undefined>((resolve) => {
      qp.onDidAccept(() => resolve(qp.selectedItems[0]?.value ?? qp.activeItems[0]?.value));
      qp.onDidHide(() => resolve(undefined));
      qp.show();
    });
  } finally {
    qp.dispose();
  }
}

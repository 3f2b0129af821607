// "Set Your User Number…": a class sharing one AWS account (seed 003) gives every student a number (user05). Set
// once, it goes on every name the lab proposes and every tag it writes, and the explorer, checks, cost and cleanup
// see only that student's resources. Empty again: the account is the student's alone.
import * as vscode from 'vscode';
import { parseStudent } from '../../../aws/student';
import { SETTING_KEYS } from '../../settings/read';
import type { CommandDeps } from '../deps';

const t = vscode.l10n.t;

export async function setStudent({ settings }: CommandDeps, given?: unknown): Promise<void> {
  const current = settings.current.lab.student ?? '';
  // A walkthrough link may name it: `command:scaleOutLab.setStudent?["user05"]`.
  const typed =
    typeof given === 'string'
      ? given
      : await vscode.window.showInputBox({
          title: t('Your user number in the class'),
          prompt: t(
            'The number your teacher gave you, as the handout writes it after each name (webserver#1-user05: user05). Leave it empty when the AWS account is yours alone.',
          ),
          placeHolder: 'user05',
          value: current,
          ignoreFocusOut: true,
          validateInput: (text) =>
            text.trim() === '' || parseStudent(text)
              ? undefined
              : t('Letters first, then letters, digits or -, at most 32 (e.g. user05).'),
        });
  if (typed === undefined) return;
  const student = parseStudent(typed);
  if (typed.trim() !== '' && !student) return;
  if ((student ?? '') === current) return;
  await settings.write(SETTING_KEYS.labStudent, student ?? '');
  void vscode.window.showInformationMessage(
    student
      ? t(
          'You are {0}: every name the lab proposes carries it, what it makes is tagged with it, and you see, check, pay for and clean up only your own resources.',
          student,
        )
      : t('No user number: the account is yours alone, and the explorer shows all of it.'),
  );
}

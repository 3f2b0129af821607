// "Choose the Handout…": which handout the student follows (the setting scaleOutLab.lab.layout), picked by what it
// builds and the names it gives everything; the checklist is judged again with that handout's names first.
import * as vscode from 'vscode';
import { LAYOUT_IDS, namesOf, type LayoutId } from '../../../lab/layout';
import { SETTING_KEYS } from '../../settings/read';
import type { CommandDeps } from '../deps';

const t = vscode.l10n.t;

function layoutLabel(id: LayoutId, student: string | undefined): { label: string; detail: string } {
  const n = namesOf(id, student);
  const names = [n.webServer, n.clone, n.loadBalancer, n.targetGroup, n.albSecurityGroup].join(', ');
  if (id === 'seed003')
    return { label: t('Handout 003: a class in one account, every name with your user number'), detail: names };
  if (id === 'seed001')
    return { label: t('Handout 001: image1server and image2server behind a Classic Load Balancer'), detail: names };
  return id === 'testVpc'
    ? { label: t('Handout 004: the web tier in its own Test-VPC (track 4)'), detail: names }
    : { label: t('The CPS Research Center page in the default VPC (handouts 000, 001, 003)'), detail: names };
}

export async function chooseLayout({ settings }: CommandDeps, given?: unknown): Promise<void> {
  const current = settings.current.lab.layout;
  // A walkthrough link may name the handout: `command:scaleOutLab.chooseLayout?["testVpc"]`.
  const named = LAYOUT_IDS.find((id) => id === given);
  const picked =
    named ??
    (
      await vscode.window.showQuickPick(
        LAYOUT_IDS.map((id) => ({
          ...layoutLabel(id, settings.current.lab.student),
          description: id === current ? t('current') : undefined,
          id,
        })),
        { title: t('Which handout do you follow? Its names become the defaults of every step.') },
      )
    )?.id;
  if (!picked || picked === current) return;
  await settings.write(SETTING_KEYS.labLayout, picked);
  void vscode.window.showInformationMessage(
    t(
      'Following: {0}. The steps now propose its names; the checklist is checked again.',
      layoutLabel(picked, settings.current.lab.student).label,
    ),
  );
}

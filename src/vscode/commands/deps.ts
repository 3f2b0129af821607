// What every command handler gets: the services and views it works through. Its own file so the table imports the
// handlers and the handlers import only this (no cycle through the table).
import type * as vscode from 'vscode';
import type { AccountService } from '../services/accountService';
import type { CostService } from '../services/costService';
import type { DatabasePasswords } from '../services/dbPasswords';
import type { LabService } from '../services/labService';
import type { SettingsStore } from '../settings/store';
import type { SshAccess } from '../services/sshAccess';
import type { ClassView } from '../views/classTree';
import type { CostPanel } from '../views/costPanel';
import type { DiagramPanel } from '../views/diagramPanel';
import type { Explorer } from '../views/explorerTree';
import type { FailoverPanel } from '../views/failoverPanel';
import type { ScalingPanel } from '../views/scalingPanel';
import type { TallyPanel } from '../views/tallyPanel';

export interface CommandDeps {
  readonly log: vscode.LogOutputChannel;
  readonly service: AccountService;
  readonly explorer: Explorer;
  readonly lab: LabService;
  /** The load-balancing chart (1.8, 1.10). */
  readonly tally: TallyPanel;
  /** The database master password (2.2, 2.6), in SecretStorage. */
  readonly passwords: DatabasePasswords;
  /** The failover chart (2.5, 2.7). */
  readonly failover: FailoverPanel;
  /** The Auto Scaling chart (3.4, "Watch Auto Scaling", "Put load on the web tier"). */
  readonly scaling: ScalingPanel;
  /** The settings (`current`), and where a command writes one. */
  readonly settings: SettingsStore;
  /** SSH connections to instances (file tabs, terminals). */
  readonly ssh: SshAccess;
  /** What the account costs (the meter's estimates and prices). */
  readonly cost: CostService;
  /** The cost breakdown. */
  readonly costPanel: CostPanel;
  /** The lab diagram. */
  readonly diagram: DiagramPanel;
  /** The teacher's Class view. */
  readonly classView: ClassView;
}

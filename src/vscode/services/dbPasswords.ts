// The database master password a student types for 2.2 and 2.6: asked once per account and region with a password
// box, kept in VS Code's SecretStorage (the OS keychain), never in settings, logs, outcomes or the state file.
import * as vscode from 'vscode';
import { dbPasswordProblem } from '../../lab/dbPassword';
import { reasonText } from '../../present/lab/reasons';

const t = vscode.l10n.t;

export class DatabasePasswords {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  private key(accountId: string, region: string): string {
    return `scaleOutLab.dbPassword:${accountId}:${region}`;
  }

  /** The stored password, else the one the student types now (stored once RDS's rules accept it). */
  async ask(accountId: string, region: string): Promise<string | undefined> {
    const key = this.key(accountId, region);
    const stored = await this.secrets.get(key);
    if (stored) return stored;
    const typed = await vscode.window.showInputBox({
      title: t('Database master password'),
      prompt: t(
        'The password of the database user admin (8 to 41 characters). It is kept in your system keychain, and WordPress asks for it again in its setup.',
      ),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => {
        const problem = value ? dbPasswordProblem(value) : undefined;
        return problem ? reasonText(problem, t) : undefined;
      },
    });
    if (!typed) return undefined;
    await this.secrets.store(key, typed);
    return typed;
  }

  /** Keeps a password typed elsewhere (the host tests type none). */
  async store(accountId: string, region: string, password: string): Promise<void> {
    await this.secrets.store(this.key(accountId, region), password);
  }

  /** Forgets it (a new password typed next time, e.g. after the database was made again). */
  async forget(accountId: string, region: string): Promise<void> {
    await this.secrets.delete(this.key(accountId, region));
  }
}

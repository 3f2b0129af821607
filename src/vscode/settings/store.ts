// The window's one settings store: reads this extension's section through the pure read.ts, keeps what it read
// as `current`, writes one key, and tells its subscribers when the section changed. Every object that needs
// settings gets this store and reads `current` or subscribes; nobody keeps a copy of its own.
import * as vscode from 'vscode';
import { affectsAccount, readSettings, SETTINGS_SECTION, updateSetting, type SettingKey, type Settings } from './read';

export interface SettingsChange {
  readonly settings: Settings;
  /** The account, region, endpoint or practice speed changed: the account is resolved again. */
  readonly accountChanged: boolean;
}

/** Changes that arrive together (a command writing two keys) are delivered once, after this quiet time. */
const SETTLE_MS = 50;

export class SettingsStore implements vscode.Disposable {
  private settings: Settings;
  private readonly changed = new vscode.EventEmitter<SettingsChange>();
  /** Fires after `current` has taken the new settings. */
  readonly onDidChange: vscode.Event<SettingsChange> = this.changed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private accountChanged = false;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.settings = this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SETTINGS_SECTION)) return;
      this.accountChanged ||= affectsAccount((section) => e.affectsConfiguration(section));
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.settle(), SETTLE_MS);
    });
  }

  /** The settings as they are now. */
  get current(): Settings {
    return this.settings;
  }

  /** Writes one key (user settings); the change comes back through onDidChange. */
  write(key: SettingKey, value: unknown): Promise<void> {
    return updateSetting(vscode.workspace.getConfiguration(SETTINGS_SECTION), key, value);
  }

  private settle(): void {
    this.timer = undefined;
    const accountChanged = this.accountChanged;
    this.accountChanged = false;
    this.settings = this.read();
    this.changed.fire({ settings: this.settings, accountChanged });
  }

  private read(): Settings {
    const { settings, warnings } = readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION));
    for (const w of warnings) {
      this.log.warn(
        `Setting ${SETTINGS_SECTION}.${w.key} = ${JSON.stringify(w.value)} ignored: ${w.reason}; using the default`,
      );
    }
    return settings;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
    this.changed.dispose();
  }
}

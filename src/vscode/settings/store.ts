// The VS Code side of settings.ts: read the section, write one key, watch for changes.
import * as vscode from 'vscode';
import { affectsAccount, readSettings, SETTINGS_SECTION, updateSetting, type SettingKey, type Settings } from './read';

export function currentSettings(log: vscode.LogOutputChannel): Settings {
  const { settings, warnings } = readSettings(vscode.workspace.getConfiguration(SETTINGS_SECTION));
  for (const w of warnings) {
    log.warn(
      `Setting ${SETTINGS_SECTION}.${w.key} = ${JSON.stringify(w.value)} ignored: ${w.reason}; using the default`,
    );
  }
  return settings;
}

export function writeSetting(key: SettingKey, value: unknown): Promise<void> {
  return updateSetting(vscode.workspace.getConfiguration(SETTINGS_SECTION), key, value);
}

/**
 * Calls back with the new settings after a change to this extension's section. Changes that arrive together
 * (a command writing two keys) are delivered once.
 */
export function onDidChangeSettings(
  log: vscode.LogOutputChannel,
  listener: (settings: Settings, accountChanged: boolean) => void,
): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let accountChanged = false;
  const subscription = vscode.workspace.onDidChangeConfiguration((e) => {
    if (!e.affectsConfiguration(SETTINGS_SECTION)) return;
    accountChanged ||= affectsAccount((section) => e.affectsConfiguration(section));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const changed = accountChanged;
      accountChanged = false;
      listener(currentSettings(log), changed);
    }, 50);
  });
  return {
    dispose: () => {
      if (timer) clearTimeout(timer);
      subscription.dispose();
    },
  };
}

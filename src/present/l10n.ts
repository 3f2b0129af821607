// The CLI's translator: the same catalog as the extension (English templates in code, Japanese in
// l10n/bundle.l10n.ja.json keyed by them), chosen from LANG / LC_ALL / LC_MESSAGES like any Unix tool.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Translate } from './translate';

/** `{0}`-style placeholders filled from the arguments, as vscode.l10n.t does. */
export function formatMessage(template: string, args: readonly (string | number | boolean)[]): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
}

/** A translator over a bundle (English when the bundle lacks the message, or when there is no bundle). */
export function bundleTranslator(bundle?: Readonly<Record<string, string>>): Translate {
  return (message, ...args) => formatMessage(bundle?.[message] ?? message, args);
}

/** The language a POSIX environment asks for: "ja" for ja_JP.UTF-8, else "en". */
export function localeFromEnv(env: NodeJS.ProcessEnv): string {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return value.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

/**
 * The bundle next to the code: l10n/ is one level above both src/ (tsx) and dist/ (the bundled CLI), and it
 * ships in the VSIX. Undefined for English or when the file cannot be read.
 */
export function loadBundle(locale: string, root = join(__dirname, '..')): Record<string, string> | undefined {
  if (locale === 'en') return undefined;
  for (const dir of [join(root, 'l10n'), join(root, '..', 'l10n')]) {
    try {
      return JSON.parse(readFileSync(join(dir, `bundle.l10n.${locale}.json`), 'utf8')) as Record<string, string>;
    } catch {
      // try the next place
    }
  }
  return undefined;
}

export function translatorFromEnv(env: NodeJS.ProcessEnv): Translate {
  return bundleTranslator(loadBundle(localeFromEnv(env)));
}

// wp-config.php: what setup-config.php writes from the form (wp-config-sample.php with the database settings, new
// keys and salts, the table prefix, as WordPress does) and what every page reads back from it.
import { randomBytes } from 'node:crypto';
import { WP_CONFIG_SAMPLE } from './files';

export interface WpConfig {
  dbName: string;
  dbUser: string;
  dbPassword: string;
  dbHost: string;
  tablePrefix: string;
}

/** PHP's single-quoted string, as setup-config.php escapes a value (addcslashes( $value, "\\'" )). */
const phpQuoted = (value: string) => value.replace(/[\\']/g, (c) => `\\${c}`);
const phpUnquoted = (value: string) => value.replace(/\\([\\'])/g, '$1');

const SALT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!@#$%^&*()-_ []{}<>~`+=,.;:/?|';

/** A key as wp_generate_password( 64, true, true ) makes it. */
function salt(): string {
  return [...randomBytes(64)].map((b) => SALT_CHARS[b % SALT_CHARS.length]).join('');
}

/** The file setup-config.php writes. */
export function wpConfigText(config: WpConfig): string {
  const values: Record<string, string> = {
    DB_NAME: config.dbName,
    DB_USER: config.dbUser,
    DB_PASSWORD: config.dbPassword,
    DB_HOST: config.dbHost,
  };
  return WP_CONFIG_SAMPLE.split('\n')
    .map((line) => {
      const define = /^define\( '([A-Z_]+)',(\s+)'(.*)' \);$/.exec(line);
      if (define?.[1] && define[1] in values)
        return `define( '${define[1]}',${define[2]}'${phpQuoted(values[define[1]] ?? '')}' );`;
      if (define?.[1] && define[3] === 'put your unique phrase here')
        return `define( '${define[1]}',${define[2]}'${phpQuoted(salt())}' );`;
      if (line.startsWith('$table_prefix =')) return `$table_prefix = '${phpQuoted(config.tablePrefix)}';`;
      return line;
    })
    .join('\n');
}

/** The settings a wp-config.php defines; undefined when it defines no database (not WordPress's file). */
export function parseWpConfig(text: string): WpConfig | undefined {
  const define = (name: string) => {
    const match = new RegExp(`define\\(\\s*['"]${name}['"]\\s*,\\s*'((?:[^'\\\\]|\\\\.)*)'\\s*\\)`).exec(text);
    return match ? phpUnquoted(match[1] ?? '') : undefined;
  };
  const dbName = define('DB_NAME');
  if (dbName === undefined) return undefined;
  const prefix = /\$table_prefix\s*=\s*'((?:[^'\\]|\\.)*)'/.exec(text);
  return {
    dbName,
    dbUser: define('DB_USER') ?? '',
    dbPassword: define('DB_PASSWORD') ?? '',
    dbHost: define('DB_HOST') ?? 'localhost',
    tablePrefix: prefix ? phpUnquoted(prefix[1] ?? '') : 'wp_',
  };
}

// WordPress as a browser meets it (handout 004's web tier): its database error, its setup, or its site.
/** What WordPress shows: its database error, its setup, or a page of the installed site (real WordPress's words). */
export type WordPressPage = 'dbError' | 'setup' | 'site' | 'none';

/** WordPress's database error in English and in ja.wordpress.org's translation (handout 004 installs latest-ja). */
const DB_ERROR = ['Error establishing a database connection', 'データベース接続確立エラー'];

export function wordPressPage(body: string | undefined, location?: string): WordPressPage {
  // Until it is installed, WordPress answers its front page with a redirect to its setup.
  if (location && /wp-admin\/(install|setup-config)\.php/.test(location)) return 'setup';
  if (body === undefined) return 'none';
  if (DB_ERROR.some((text) => body.includes(text))) return 'dbError';
  if (/wp-admin\/(install|setup-config)\.php/.test(body) && /WordPress/.test(body) && !/wp-content\/themes/.test(body))
    return 'setup';
  if (/wp-content|wp-includes/.test(body) && /WordPress/i.test(body)) return 'site';
  return 'none';
}

// The practice WordPress as ja.wordpress.org's latest-ja.tar.gz ships it: the files whose pages the practice
// answers (index.php, wp-login.php, wp-admin/setup-config.php, wp-admin/install.php, …), wp-config-sample.php in
// the Japanese package's words, WordPress's 1x1 blank.gif (the handout's health check path) and the theme's
// style sheet. The PHP files hold the start of WordPress's own source; what they do is wordpress/site.ts's.
import { packTarGz, type ArchiveEntry } from './archive';

export const WP_VERSION = '6.7.2';
export const WP_LOCALE = 'ja';
export const WP_THEME = 'twentytwentyfive';
/** Where a download of the archive comes from, as the handouts write it (http or https, with or without www). */
export const WORDPRESS_ARCHIVES: Readonly<Record<string, string>> = {
  'ja.wordpress.org/latest-ja.tar.gz': 'latest-ja.tar.gz',
  'wordpress.org/latest-ja.tar.gz': 'latest-ja.tar.gz',
};
/** The file that says a directory holds WordPress (wp-load.php reads it for the version). */
export const VERSION_FILE = 'wp-includes/version.php';

/** WordPress's blank.gif: a 43-byte transparent 1x1 GIF89a. */
export const BLANK_GIF = Buffer.from(
  '47494638396101000100800000ffffff00000021f90401000000002c00000000010001000002024401003b',
  'hex',
);

const php = (summary: string, body: string) => `<?php\n/**\n * ${summary}\n *\n * @package WordPress\n */\n\n${body}\n`;

export const WP_CONFIG_SAMPLE = `<?php
/**
 * WordPress の基本設定
 *
 * このファイルは、インストール時に wp-config.php 作成ウィザードが利用します。
 * ウィザードを介さずにこのファイルを "wp-config.php" という名前でコピーして
 * 直接編集して値を入力してもかまいません。
 *
 * このファイルは、以下の設定を含みます。
 *
 * * データベース設定
 * * 秘密鍵
 * * データベーステーブル接頭辞
 * * ABSPATH
 *
 * @link https://ja.wordpress.org/support/article/editing-wp-config-php/
 *
 * @package WordPress
 */

// 注意:
// Windows の "メモ帳" でこのファイルを編集しないでください !
// 問題なく使えるテキストエディタ
// (http://wpdocs.osdn.jp/%E7%94%A8%E8%AA%9E%E9%9B%86#.E3.83.86.E3.82.AD.E3.82.B9.E3.83.88.E3.82.A8.E3.83.87.E3.82.A3.E3.82.BF 参照)
// を使用し、必ず UTF-8 の BOM なし (UTF-8N) で保存してください。

// ** データベース設定 - この情報はホスティング先から入手してください。 ** //
/** WordPress のためのデータベース名 */
define( 'DB_NAME', 'database_name_here' );

/** データベースのユーザー名 */
define( 'DB_USER', 'username_here' );

/** データベースのパスワード */
define( 'DB_PASSWORD', 'password_here' );

/** データベースのホスト名 */
define( 'DB_HOST', 'localhost' );

/** データベースのテーブルを作成する際のデータベースの文字セット */
define( 'DB_CHARSET', 'utf8mb4' );

/** データベースの照合順序 (ほとんどの場合変更する必要はありません) */
define( 'DB_COLLATE', '' );

/**#@+
 * 認証用ユニークキー
 *
 * それぞれを異なるユニーク (一意) な文字列に変更してください。
 * {@link https://api.wordpress.org/secret-key/1.1/salt/ WordPress.org の秘密鍵サービス} で自動生成することもできます。
 * 後でいつでも変更して、既存のすべての cookie を無効にできます。これにより、すべてのユーザーを強制的に再ログインさせることになります。
 *
 * @since 2.6.0
 */
define( 'AUTH_KEY',         'put your unique phrase here' );
define( 'SECURE_AUTH_KEY',  'put your unique phrase here' );
define( 'LOGGED_IN_KEY',    'put your unique phrase here' );
define( 'NONCE_KEY',        'put your unique phrase here' );
define( 'AUTH_SALT',        'put your unique phrase here' );
define( 'SECURE_AUTH_SALT', 'put your unique phrase here' );
define( 'LOGGED_IN_SALT',   'put your unique phrase here' );
define( 'NONCE_SALT',       'put your unique phrase here' );

/**#@-*/

/**
 * WordPress データベーステーブルの接頭辞
 *
 * それぞれにユニーク (一意) な接頭辞を与えることで一つのデータベースに複数の WordPress を
 * インストールすることができます。半角英数字と下線のみを使用してください。
 */
$table_prefix = 'wp_';

/**
 * 開発者へ: WordPress デバッグモード
 *
 * この値を true にすると、開発中に注意 (notice) を表示します。
 * テーマおよびプラグインの開発者には、その開発環境においてこの WP_DEBUG を使用することを強く推奨します。
 *
 * その他のデバッグに利用できる定数についてはドキュメンテーションをご覧ください。
 *
 * @link https://ja.wordpress.org/support/article/debugging-in-wordpress/
 */
define( 'WP_DEBUG', false );

/* カスタム値は、この行と「編集が必要なのはここまでです」の行の間に追加してください。 */



/* 編集が必要なのはここまでです ! WordPress でのパブリッシングをお楽しみください。 */

/** Absolute path to the WordPress directory. */
if ( ! defined( 'ABSPATH' ) ) {
\tdefine( 'ABSPATH', __DIR__ . '/' );
}

/** Sets up WordPress vars and included files. */
require_once ABSPATH . 'wp-settings.php';
`;

/** The distribution's files, relative to its `wordpress/` folder (text, or bytes). */
export function wordPressFiles(): Record<string, string | Buffer> {
  return {
    'index.php': php(
      "Front to the WordPress application. This file doesn't do anything, but loads\n * wp-blog-header.php which does and tells WordPress to load the theme.",
      "/**\n * Tells WordPress to load the WordPress theme and output it.\n *\n * @var bool\n */\ndefine( 'WP_USE_THEMES', true );\n\n/** Loads the WordPress Environment and Template */\nrequire __DIR__ . '/wp-blog-header.php';",
    ),
    'wp-blog-header.php': php(
      'Loads the WordPress environment and template.',
      "if ( ! isset( $wp_did_header ) ) {\n\n\t$wp_did_header = true;\n\n\t// Load the WordPress library.\n\trequire_once __DIR__ . '/wp-load.php';\n\n\t// Set up the WordPress query.\n\twp();\n\n\t// Load the theme template.\n\trequire_once ABSPATH . WPINC . '/template-loader.php';\n\n}",
    ),
    'wp-load.php': php(
      'Bootstrap file for setting the ABSPATH constant\n * and loading the wp-config.php file.',
      "/** Define ABSPATH as this file's directory */\nif ( ! defined( 'ABSPATH' ) ) {\n\tdefine( 'ABSPATH', __DIR__ . '/' );\n}",
    ),
    'wp-settings.php': php(
      'Used to set up and fix common variables and include\n * the WordPress procedural and class library.',
      "define( 'WPINC', 'wp-includes' );",
    ),
    'wp-login.php': php(
      'WordPress User Page\n *\n * Handles authentication, registering, resetting passwords, forgot password,\n * and other user handling.',
      "/** Make sure that the WordPress bootstrap has run before continuing. */\nrequire __DIR__ . '/wp-load.php';",
    ),
    'wp-config-sample.php': WP_CONFIG_SAMPLE,
    'wp-cron.php': php('A pseudo-cron daemon for scheduling WordPress tasks.', 'ignore_user_abort( true );'),
    'xmlrpc.php': php('XML-RPC protocol support for WordPress.', "define( 'XMLRPC_REQUEST', true );"),
    'wp-admin/setup-config.php': php(
      'Retrieves and creates the wp-config.php file.\n *\n * The permissions for the base directory must allow for writing files in order\n * for the wp-config.php to be created using this page.',
      "define( 'WP_INSTALLING', true );\n\nrequire __DIR__ . '/../wp-load.php';",
    ),
    'wp-admin/install.php': php(
      'WordPress Installer',
      "define( 'WP_INSTALLING', true );\n\n/** Load WordPress Bootstrap */\nrequire_once dirname( __DIR__ ) . '/wp-load.php';",
    ),
    'wp-admin/index.php': php(
      'Dashboard Administration Screen',
      "/** Load WordPress Bootstrap */\nrequire_once __DIR__ . '/admin.php';",
    ),
    'wp-admin/css/install.min.css':
      'html{background:#f0f0f1;margin:0 20px}body{background:#fff;border:1px solid #c3c4c7;color:#3c434a;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,sans-serif;margin:140px auto 25px;padding:20px 20px 10px;max-width:700px}\n',
    [VERSION_FILE]: `<?php\n/**\n * WordPress Version\n *\n * Contains version information for the current WordPress release.\n *\n * @package WordPress\n * @since 1.2.0\n */\n\n$wp_version = '${WP_VERSION}';\n\n$wp_db_version = 58975;\n\n$tinymce_version = '49110-20201110';\n\n$required_php_version = '7.2.24';\n\n$required_mysql_version = '5.5.5';\n\n$wp_local_package = '${WP_LOCALE}';\n`,
    'wp-includes/images/blank.gif': BLANK_GIF,
    'wp-includes/css/buttons.min.css':
      '.wp-core-ui .button{display:inline-block;font-size:13px;line-height:2.15384615}\n',
    [`wp-content/themes/${WP_THEME}/style.css`]: `/*\nTheme Name: Twenty Twenty-Five\nTheme URI: https://wordpress.org/themes/twentytwentyfive/\nAuthor: the WordPress team\nVersion: 1.0\nText Domain: twentytwentyfive\n*/\n`,
    'wp-content/index.php': '<?php\n// Silence is golden.\n',
    'license.txt': 'WordPress - Web publishing software\n\nCopyright 2011-2025 by the contributors\n',
    'readme.html': `<!DOCTYPE html>\n<html lang="ja">\n<head>\n\t<meta charset="utf-8" />\n\t<title>WordPress &rsaquo; ReadMe</title>\n</head>\n<body>\n<h1 id="logo">WordPress</h1>\n<p style="text-align: center">セマンティックなパーソナル・パブリッシング・プラットフォーム</p>\n</body>\n</html>\n`,
  };
}

/** The archive's entries: `wordpress/` and its folders and files (as the release is packed, owned by nobody). */
export function wordPressEntries(): ArchiveEntry[] {
  const files = wordPressFiles();
  const folders = new Set<string>(['wordpress']);
  for (const path of Object.keys(files)) {
    const parts = path.split('/');
    for (let n = 1; n < parts.length; n++) folders.add(`wordpress/${parts.slice(0, n).join('/')}`);
  }
  return [
    ...[...folders].sort().map((path): ArchiveEntry => ({ path, kind: 'directory', mode: 0o755, owner: 'nobody' })),
    ...Object.entries(files).map(([path, data]): ArchiveEntry => ({
      path: `wordpress/${path}`,
      kind: 'file',
      mode: 0o644,
      owner: 'nobody',
      data: typeof data === 'string' ? Buffer.from(data, 'utf8') : data,
    })),
  ];
}

let archive: Buffer | undefined;

/** latest-ja.tar.gz's bytes (built once: the same archive every download). */
export function wordPressArchive(): Buffer {
  archive ??= packTarGz(wordPressEntries(), Date.UTC(2025, 1, 11) / 1000);
  return archive;
}

/** The archive a URL downloads, by its host and path (`http://ja.wordpress.org/latest-ja.tar.gz`), if any. */
export function archiveAt(url: string): { name: string; bytes: Buffer } | undefined {
  const match = /^(?:https?:\/\/)?(?:www\.)?([^/?#]+)(\/[^?#]*)/i.exec(url);
  const name = match ? WORDPRESS_ARCHIVES[`${(match[1] ?? '').toLowerCase()}${match[2] ?? ''}`] : undefined;
  return name ? { name, bytes: wordPressArchive() } : undefined;
}

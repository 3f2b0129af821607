// The practice WordPress's pages as ja.wordpress.org's WordPress serves them: the install screens (setup-config.php's
// welcome, form and result, install.php's form and 「成功しました！」), the database errors, the login form and the
// front page of the default theme. WordPress's own Japanese words (the product's text, not ours: data, like MySQL's
// messages). Pure: HTML from what the caller read.
import type { Post } from './database';
import { WP_THEME, WP_VERSION } from './files';

const esc = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#039;' })[c] ?? c);

/** The install screens' frame (wp-admin/css/install.css, the WordPress logo). */
function installFrame(base: string, title: string, body: string, bodyClass = 'wp-core-ui'): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
\t<meta name="viewport" content="width=device-width" />
\t<meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
\t<meta name="robots" content="noindex,nofollow" />
\t<title>${title}</title>
\t<link rel='stylesheet' id='buttons-css' href='${base}/wp-includes/css/buttons.min.css?ver=${WP_VERSION}' type='text/css' media='all' />
<link rel='stylesheet' id='install-css' href='${base}/wp-admin/css/install.min.css?ver=${WP_VERSION}' type='text/css' media='all' />
</head>
<body class="${bodyClass}">
<p id="logo">WordPress</p>
${body}
</body>
</html>
`;
}

export function welcomePage(base: string): string {
  return installFrame(
    base,
    'WordPress &rsaquo; 設定ファイルのセットアップ',
    `<h1 class="screen-reader-text">始める前に</h1>
<p>WordPress へようこそ。作業を始める前にデータベースに関するいくつかの情報が必要となります。以下の項目を準備してください。</p>
<ol>
\t<li>データベース名</li>
\t<li>データベースのユーザー名</li>
\t<li>データベースのパスワード</li>
\t<li>データベースホスト</li>
\t<li>テーブル接頭辞 (1つのデータベースに複数の WordPress を作動させる場合)</li>
</ol>
<p>この情報は <code>wp-config.php</code> ファイルを作成するために使用されます。\t<strong>もし何らかの理由でこのファイルの自動作成が動作しなくても心配しないでください。この作業はデータベース情報を設定ファイルに記述するだけです。テキストエディターで <code>wp-config-sample.php</code> を開き、情報を記入し、<code>wp-config.php</code> として保存することもできます。</strong></p>
<p>おそらく、これらのデータベース情報はホスティング先から提供されています。もしデータベース情報がわからない場合、作業を続行する前にホスティング先と連絡を取ってください。準備ができているなら…</p>
<p class="step"><a href="${base}/wp-admin/setup-config.php?step=1" class="button button-large">さあ、始めましょう！</a></p>`,
  );
}

/** setup-config.php refusing the form's values (wp_die). */
export function setupError(base: string, message: string): string {
  return installFrame(
    base,
    'WordPress &rsaquo; エラー',
    `<div class="wp-die-message">${message}</div>\n<p class="step"><a href="${base}/wp-admin/setup-config.php?step=1" onclick="javascript:history.go(-1);return false;" class="button button-large">再試行</a></p>`,
  );
}

/** The connection worked but apache may not write wp-config.php: the text to save by hand. */
export function configNotWritablePage(base: string, config: string): string {
  return installFrame(
    base,
    'WordPress &rsaquo; 設定ファイルのセットアップ',
    `<p><code>wp-config.php</code> ファイルに書き込みできません。</p>
<p><code>wp-config.php</code> ファイルを手動で作成し、以下のテキストを貼り付けることもできます。</p>
<textarea id="wp-config" cols="98" rows="15" class="code" readonly="readonly">${esc(config)}</textarea>
<p>貼り付けが完了したら「インストール実行」をクリックしてください。</p>
<p class="step"><a href="${base}/wp-admin/install.php" class="button button-large">インストール実行</a></p>`,
  );
}

export function databaseForm(base: string): string {
  const row = (id: string, label: string, value: string, help: string, type = 'text') =>
    `\t\t<tr>\n\t\t\t<th scope="row"><label for="${id}">${label}</label></th>\n\t\t\t<td><input name="${id}" id="${id}" type="${type}" aria-describedby="${id}-desc" size="25" ${type === 'password' ? 'autocomplete="off" ' : ''}value="${value}" /></td>\n\t\t\t<td id="${id}-desc">${help}</td>\n\t\t</tr>`;
  return installFrame(
    base,
    'WordPress &rsaquo; 設定ファイルのセットアップ',
    `<h1 class="screen-reader-text">データベース接続のための詳細を設定</h1>
<form method="post" action="${base}/wp-admin/setup-config.php?step=2">
\t<p>以下にデータベース接続のための詳細を入力してください。これらのデータについて分からない点があれば、ホストに連絡を取ってください。</p>
\t<table class="form-table" role="presentation">
${row('dbname', 'データベース名', 'wordpress', 'WordPress で使用したいデータベース名。')}
${row('uname', 'ユーザー名', 'username', 'データベースのユーザー名。')}
${row('pwd', 'パスワード', '', 'データベースのパスワード。', 'password')}
${row('dbhost', 'データベースのホスト名', 'localhost', '<code>localhost</code> が動作しない場合には、Web ホストからこの情報を取得することができます。')}
${row('prefix', 'テーブル接頭辞', 'wp_', 'ひとつのデータベースに複数の WordPress をインストールしたい場合、これを変えてください。')}
\t</table>
\t<input type="hidden" name="language" value="ja" />
\t<p class="step"><input name="submit" type="submit" value="送信" class="button button-large" /></p>
</form>`,
  );
}

/** setup-config.php's result: the file is written, on to the install. */
export function configWrittenPage(base: string): string {
  return installFrame(
    base,
    'WordPress &rsaquo; 設定ファイルのセットアップ',
    `<h1 class="screen-reader-text">データベースへの接続に成功しました</h1>
<p>よくできました！ インストールのこの部分を無事完了しました。WordPress は現在データベースと通信できる状態にあります。準備ができているなら…</p>
<p class="step"><a href="${base}/wp-admin/install.php?language=ja" class="button button-large">インストール実行</a></p>`,
  );
}

/** wp-config.php is there already: setup-config.php stops (wp_die). */
export function configExistsPage(base: string): string {
  return installFrame(
    base,
    'WordPress &rsaquo; エラー',
    `<div class="wp-die-message"><p>ファイル <code>wp-config.php</code> はすでに存在します。このファイル内の設定項目のいずれかをリセットする必要がある場合は、まずこれを削除してください。<a href="${base}/wp-admin/install.php">インストールを実行</a>してみてください。</p></div>`,
    'wp-core-ui',
  );
}

/** The connection failed where the details matter (setup-config.php, install.php): WordPress's explanation. */
export function connectionErrorPage(base: string, host: string, setup: boolean): string {
  const again = setup
    ? `\n<p class="step"><a href="${base}/wp-admin/setup-config.php?step=1" onclick="javascript:history.go(-1);return false;" class="button button-large">再試行</a></p>`
    : '';
  return installFrame(
    base,
    'WordPress &rsaquo; エラー',
    `<div class="wp-die-message"><h1>データベース接続確立エラー</h1>
<p>これは、<code>wp-config.php</code> ファイルのユーザー名とパスワードが正しくないか、<code>${esc(host)}</code> のデータベースサーバーに接続できないかのいずれかを意味します。ホストのデータベースサーバーがダウンしている可能性があります。</p>
<ul>
<li>ユーザー名とパスワードが正しいですか ?</li>
<li>正しいホスト名を入力しましたか ?</li>
<li>データベースサーバーは動作していますか ?</li>
</ul>
<p>これらの用語の意味がよくわからない場合は、ホスティング会社に連絡を取ってください。それでもサポートが必要な場合は、いつでも <a href="https://ja.wordpress.org/support/forums/">WordPress サポートフォーラム</a>を参照してください。</p>
</div>${again}`,
  );
}

/** The connection failed on a page of the site (dead_db() without WP_DEBUG): the heading alone. */
export function deadDbPage(base: string): string {
  return installFrame(
    base,
    'WordPress &rsaquo; エラー',
    '<div class="wp-die-message"><h1>データベース接続確立エラー</h1></div>',
  );
}

export function noDatabasePage(base: string, database: string, user: string): string {
  return installFrame(
    base,
    'WordPress &rsaquo; エラー',
    `<div class="wp-die-message"><h1>データベースを選択できません</h1>
<p>データベースサーバーには接続できました (つまりユーザー名とパスワードは正しいということです) が、データベース <code>${esc(database)}</code> を選択できませんでした。</p>
<ul>
<li>本当に存在していますか ?</li>
<li>ユーザー <code>${esc(user)}</code> は <code>${esc(database)}</code> データベースを使用する権限を持っていますか ?</li>
</ul></div>`,
  );
}

export function installForm(base: string, error?: string): string {
  return installFrame(
    base,
    'WordPress &rsaquo; インストール',
    `<h1>ようこそ</h1>
<p>WordPress の有名な5分間インストールプロセスへようこそ ! 以下に情報を記入するだけで、世界一拡張性が高くパワフルなパーソナル・パブリッシング・プラットフォームを使い始めることができます。</p>
<h2>必要情報</h2>
<p>次の情報を入力してください。ご心配なく、これらの情報は後からいつでも変更できます。</p>
${error ? `<p class="message">${error}</p>\n` : ''}<form id="setup" method="post" action="${base}/wp-admin/install.php?step=2" novalidate="novalidate">
\t<table class="form-table" role="presentation">
\t\t<tr><th scope="row"><label for="weblog_title">サイトのタイトル</label></th><td><input name="weblog_title" type="text" id="weblog_title" size="25" value="" /></td></tr>
\t\t<tr><th scope="row"><label for="user_login">ユーザー名</label></th><td><input name="user_name" type="text" id="user_login" size="25" value="" /><p>ユーザー名には、半角英数字、スペース、下線、ハイフン、ピリオド、アットマーク (@) のみが使用できます。</p></td></tr>
\t\t<tr class="form-field form-required user-pass1-wrap"><th scope="row"><label for="pass1">パスワード</label></th><td><input type="password" name="admin_password" id="pass1" class="regular-text" autocomplete="new-password" /><p><span class="description important"><strong>重要:</strong> ログイン時にはこのパスワードが必要になります。安全な場所に保管してください。</span></p></td></tr>
\t\t<tr><th scope="row"><label for="admin_email">メールアドレス</label></th><td><input name="admin_email" type="email" id="admin_email" size="25" value="" /><p>次に進む前にメールアドレスをもう一度確認してください。</p></td></tr>
\t\t<tr><th scope="row">検索エンジンでの表示</th><td><fieldset><label for="blog_public"><input name="blog_public" type="checkbox" id="blog_public" value="0" /> 検索エンジンがサイトをインデックスしないようにする</label></fieldset></td></tr>
\t</table>
\t<p class="step"><input type="submit" name="Submit" id="submit" class="button button-large" value="WordPress をインストール" /></p>
\t<input type="hidden" name="language" value="ja" />
</form>`,
    'wp-core-ui language-chooser',
  );
}

export function installedPage(base: string, user: string): string {
  return installFrame(
    base,
    'WordPress &rsaquo; インストール',
    `<h1>成功しました !</h1>
<p>WordPress をインストールしました。ありがとうございます。それではお楽しみください !</p>
<table class="form-table install-success">
\t<tr><th>ユーザー名</th><td>${esc(user)}</td></tr>
\t<tr><th>パスワード</th><td><p><em>選択したパスワード。</em></p></td></tr>
</table>
<p class="step"><a href="${base}/wp-login.php" class="button button-large">ログイン</a></p>`,
  );
}

export function alreadyInstalledPage(base: string): string {
  return installFrame(
    base,
    'WordPress &rsaquo; インストール',
    `<h1>すでにインストールされています</h1><p>WordPress はすでにインストールされているようです。再インストールするには、まずデータベースから古いテーブルを削除してください。</p><p class="step"><a href="${base}/wp-login.php">ログイン</a></p>`,
  );
}

export function loginPage(base: string, error?: string): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
\t<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
\t<title>ログイン &lsaquo; WordPress</title>
\t<meta name='robots' content='max-image-preview:large, noindex, noarchive' />
<link rel='stylesheet' id='login-css' href='${base}/wp-admin/css/login.min.css?ver=${WP_VERSION}' media='all' />
</head>
<body class="login no-js login-action-login wp-core-ui locale-ja">
<div id="login">
\t<h1 class="wp-login-logo"><a href="https://ja.wordpress.org/">Powered by WordPress</a></h1>
${error ? `\t<div id="login_error" class="notice notice-error"><p>${error}</p></div>\n` : ''}\t<form name="loginform" id="loginform" action="${base}/wp-login.php" method="post">
\t\t<p><label for="user_login">ユーザー名またはメールアドレス</label><input type="text" name="log" id="user_login" class="input" value="" size="20" autocapitalize="off" autocomplete="username" required="required" /></p>
\t\t<div class="user-pass-wrap"><label for="user_pass">パスワード</label><input type="password" name="pwd" id="user_pass" class="input password-input" value="" size="20" autocomplete="current-password" required="required" /></div>
\t\t<p class="submit"><input type="submit" name="wp-submit" id="wp-submit" class="button button-primary button-large" value="ログイン" /></p>
\t</form>
</div>
</body>
</html>
`;
}

/** wp_login.php's errors, as WordPress words them. */
export const loginErrors = {
  unknownUser: (user: string) =>
    `<strong>エラー:</strong> ユーザー名 <strong>${esc(user)}</strong> はこのサイトに登録されていません。ユーザー名が不明な場合は、代わりにメールアドレスを試してください。`,
  wrongPassword: (user: string) =>
    `<strong>エラー:</strong> ユーザー名 <strong>${esc(user)}</strong> のパスワードが間違っています。<a href="/wp-login.php?action=lostpassword">パスワードをお忘れですか ?</a>`,
  empty: () => '<strong>エラー:</strong> ユーザー名欄が空です。<br /><strong>エラー:</strong> パスワード欄が空です。',
};

export function dashboardPage(base: string, title: string, user: string): string {
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />
<title>ダッシュボード &lsaquo; ${esc(title)} &#8212; WordPress</title>
<link rel='stylesheet' href='${base}/wp-admin/load-styles.php?c=0&amp;dir=ltr&amp;load%5Bchunk_0%5D=dashicons,admin-bar,common&amp;ver=${WP_VERSION}' media='all' />
</head>
<body class="wp-admin wp-core-ui index-php locale-ja">
<div id="wpwrap"><div id="wpcontent"><div id="wpbody-content">
<div class="wrap"><h1>ダッシュボード</h1>
<div id="welcome-panel" class="welcome-panel"><div class="welcome-panel-content"><div class="welcome-panel-header"><h2>WordPress へようこそ !</h2><p><a href="https://ja.wordpress.org/about/">このバージョンについて詳しく。</a></p></div></div></div>
<p>こんにちは、${esc(user)} さん</p>
</div></div></div></div>
</body>
</html>
`;
}

const dateShown = (mysql: string) => {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(mysql);
  return match ? `${match[1]}年${Number(match[2])}月${Number(match[3])}日` : mysql;
};

/** The front page of the default theme: the site's title and its posts, newest first. */
export function frontPage(
  base: string,
  blogname: string,
  description: string,
  posts: readonly Post[],
  pages: readonly Post[],
): string {
  const items = posts
    .map(
      (
        p,
      ) => `<li class="wp-block-post post-${p.id} post type-post status-publish format-standard hentry category-uncategorized">
<h2 class="wp-block-post-title has-x-large-font-size"><a href="${base}/?p=${p.id}" target="_self" >${esc(p.title)}</a></h2>
<div class="entry-content alignfull wp-block-post-content has-medium-font-size is-layout-constrained">
${p.content.replace(/<!-- \/?wp:[^>]*-->\n?/g, '')}
</div>
<div class="wp-block-post-date has-small-font-size"><time datetime="${p.date.replace(' ', 'T')}+09:00"><a href="${base}/?p=${p.id}">${dateShown(p.date)}</a></time></div>
</li>`,
    )
    .join('\n');
  const nav = pages
    .map(
      (p) =>
        `<li class="wp-block-pages-list__item"><a class="wp-block-pages-list__item__link" href="${base}/?page_id=${p.id}">${esc(p.title)}</a></li>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="ja">
<head>
\t<meta charset="UTF-8" />
\t<meta name="viewport" content="width=device-width, initial-scale=1" />
<meta name='robots' content='max-image-preview:large' />
<title>${esc(blogname)}${description ? ` &#8211; ${esc(description)}` : ''}</title>
<link rel="alternate" type="application/rss+xml" title="${esc(blogname)} &raquo; フィード" href="${base}/?feed=rss2" />
<link rel='stylesheet' id='wp-block-library-css' href='${base}/wp-includes/css/dist/block-library/style.min.css?ver=${WP_VERSION}' media='all' />
<link rel='stylesheet' id='${WP_THEME}-style-css' href='${base}/wp-content/themes/${WP_THEME}/style.css?ver=1.0' media='all' />
<link rel="https://api.w.org/" href="${base}/index.php?rest_route=/" />
<link rel="EditURI" type="application/rsd+xml" title="RSD" href="${base}/xmlrpc.php?rsd" />
<meta name="generator" content="WordPress ${WP_VERSION}" />
</head>

<body class="home blog wp-embed-responsive">
<div class="wp-site-blocks"><header class="wp-block-template-part">
<div class="wp-block-group alignwide">
<p class="wp-block-site-title"><a href="${base}" target="_self" rel="home" aria-current="page">${esc(blogname)}</a></p>
<nav class="wp-block-navigation" aria-label="ナビゲーション"><ul class="wp-block-page-list">${nav}</ul></nav>
</div>
</header>

<main class="wp-block-group is-layout-constrained">
<div class="wp-block-query alignfull">
<ul class="alignfull wp-block-post-template is-layout-flow">
${items}
</ul>
</div>
</main>

<footer class="wp-block-template-part">
<p class="has-small-font-size">Designed with <a href="https://ja.wordpress.org" rel="nofollow">WordPress</a></p>
</footer></div>
<script src="${base}/wp-includes/js/wp-emoji-release.min.js?ver=${WP_VERSION}" defer></script>
</body>
</html>
`;
}

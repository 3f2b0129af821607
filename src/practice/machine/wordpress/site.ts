// The practice WordPress at work: a request for one of its PHP scripts (httpd found it, phpScript) answered as
// WordPress would — without wp-config.php every page leads to setup-config.php (welcome, form, the connection tried
// from this instance through the security groups, wp-config.php written); then install.php (the tables and the
// administrator); then the site, read from the database on every request; wp-login.php and the dashboard. A
// database that cannot be reached is WordPress's error page; one that does not answer hangs the request (the
// caller waits PHP's connect timeout, or the load balancer gives up first: 504).
import { createHash } from 'node:crypto';
import type { InstanceRecord } from '../../core/records';
import type { DatabaseSession, DatabaseWorld } from '../../rds/mysql/session';
import { parseWpConfig, wpConfigText, type WpConfig } from './config';
import {
  authenticate,
  connectWordPress,
  install,
  isInstalled,
  option,
  passwordHash,
  posts,
  type Connection,
} from './database';
import { VERSION_FILE } from './files';
import * as pages from './pages';

export interface PhpRequest {
  method: string;
  /** Path and query as requested (`/wp-admin/setup-config.php?step=1`). */
  url: string;
  /** The Host header (WordPress builds its links from it until siteurl is set). */
  host: string;
  body: string;
  cookie?: string;
}

export interface PhpResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export type PhpOutcome =
  | { kind: 'answer'; response: PhpResponse }
  /** The database connection hangs: after PHP's connect timeout the script answers `then`. */
  | { kind: 'hang'; then: PhpResponse };

const HTML = 'text/html; charset=UTF-8';
const page = (body: string, status = 200, headers?: Record<string, string>): PhpOutcome => ({
  kind: 'answer',
  response: { status, contentType: HTML, body, ...(headers ? { headers } : {}) },
});
const redirect = (location: string, headers: Record<string, string> = {}): PhpOutcome => ({
  kind: 'answer',
  response: { status: 302, contentType: HTML, body: '', headers: { Location: location, ...headers } },
});

/** The WordPress installation a script belongs to: the nearest folder up with wp-includes/version.php. */
export function wordPressRoot(files: InstanceRecord['files'], script: string): string | undefined {
  for (let dir = script.slice(0, script.lastIndexOf('/')); dir.length > 1; dir = dir.slice(0, dir.lastIndexOf('/')))
    if (`${dir}/${VERSION_FILE}` in files) return dir;
  return undefined;
}

/** Apache runs PHP as `apache`: WordPress writes wp-config.php only where apache may (seed 004's chown -R). */
function writableByApache(instance: InstanceRecord, root: string): boolean {
  const dir = instance.directories?.[root];
  if (dir) return dir.owner === 'apache' || (dir.mode & 0o002) !== 0;
  return instance.files[`${root}/index.php`]?.owner === 'apache'; // chown -R changed the folder with its files
}

export class WordPressSite {
  private readonly config: WpConfig | undefined;
  private readonly base: string;
  private readonly params: URLSearchParams;
  private readonly form: URLSearchParams;

  constructor(
    private readonly instance: InstanceRecord,
    private readonly db: DatabaseWorld,
    private readonly root: string,
    webRoot: string,
    private readonly request: PhpRequest,
  ) {
    const config = instance.files[`${root}/wp-config.php`];
    this.config = config ? parseWpConfig(config.content) : undefined;
    this.base = `http://${request.host}${root.slice(webRoot.length)}`;
    this.params = new URL(request.url, 'http://practice').searchParams;
    this.form = new URLSearchParams(request.method === 'POST' ? request.body : '');
  }

  run(script: string): PhpOutcome {
    const relative = script.slice(this.root.length + 1);
    if (relative === 'wp-admin/setup-config.php') return this.setupConfig();
    if (!this.config) return redirect(`${this.base}/wp-admin/setup-config.php`); // wp-load.php without a config
    const connection = connectWordPress(this.db, this.instance, this.config);
    if (connection.kind !== 'connected') return this.failure(connection, relative.startsWith('wp-admin/install'));
    const { session } = connection;
    const prefix = this.config.tablePrefix;
    if (relative === 'wp-admin/install.php') return this.install(session, prefix);
    if (!isInstalled(session, prefix)) return redirect(`${this.base}/wp-admin/install.php`);
    const site = option(session, prefix, 'siteurl') ?? this.base;
    if (relative === 'index.php') return this.front(session, prefix, site);
    if (relative === 'wp-login.php') return this.login(session, prefix, site);
    if (relative === 'wp-admin/index.php') return this.dashboard(session, prefix, site);
    return page(''); // wp-cron.php and the others: nothing to show
  }

  private failure(connection: Exclude<Connection, { kind: 'connected' }>, detailed: boolean): PhpOutcome {
    const config = this.config as WpConfig;
    if (connection.kind === 'noDatabase')
      return page(pages.noDatabasePage(this.base, config.dbName, config.dbUser), 500);
    const body = detailed ? pages.connectionErrorPage(this.base, config.dbHost, false) : pages.deadDbPage(this.base);
    const response: PhpResponse = { status: 500, contentType: HTML, body };
    return connection.kind === 'hang' ? { kind: 'hang', then: response } : { kind: 'answer', response };
  }

  private setupConfig(): PhpOutcome {
    if (this.config) return page(pages.configExistsPage(this.base));
    const step = this.params.get('step') ?? '0';
    if (step === '1') return page(pages.databaseForm(this.base));
    if (step !== '2' || this.request.method !== 'POST') return page(pages.welcomePage(this.base));
    const field = (name: string) => (this.form.get(name) ?? '').trim();
    const config: WpConfig = {
      dbName: field('dbname'),
      dbUser: field('uname'),
      dbPassword: field('pwd'),
      dbHost: field('dbhost'),
      tablePrefix: field('prefix'),
    };
    if (config.tablePrefix === '')
      return page(pages.setupError(this.base, '<strong>エラー:</strong> 「テーブル接頭辞」は空にできません。'), 500);
    if (/\W/.test(config.tablePrefix))
      return page(
        pages.setupError(this.base, '<strong>エラー:</strong> 「テーブル接頭辞」には英数字と下線のみ使用できます。'),
        500,
      );
    const connection = connectWordPress(this.db, this.instance, config);
    if (connection.kind === 'noDatabase')
      return page(pages.noDatabasePage(this.base, config.dbName, config.dbUser), 500);
    if (connection.kind !== 'connected') {
      const response = {
        status: 500,
        contentType: HTML,
        body: pages.connectionErrorPage(this.base, config.dbHost, true),
      };
      return connection.kind === 'hang' ? { kind: 'hang', then: response } : { kind: 'answer', response };
    }
    const text = wpConfigText(config);
    if (!writableByApache(this.instance, this.root)) return page(pages.configNotWritablePage(this.base, text));
    this.instance.files[`${this.root}/wp-config.php`] = {
      content: text,
      owner: 'apache',
      mode: 0o644,
      modifiedAt: this.db.now().toISOString(),
    };
    this.db.changed();
    return page(pages.configWrittenPage(this.base));
  }

  private install(session: DatabaseSession, prefix: string): PhpOutcome {
    if (isInstalled(session, prefix)) return page(pages.alreadyInstalledPage(this.base));
    if (this.params.get('step') !== '2' || this.request.method !== 'POST') return page(pages.installForm(this.base));
    const field = (name: string) => (this.form.get(name) ?? '').trim();
    const user = field('user_name');
    const email = field('admin_email');
    const password = this.form.get('admin_password') ?? '';
    let error: string | undefined;
    if (user === '') error = 'ユーザー名を入力してください。';
    else if (!/^[A-Za-z0-9 _.\-@]+$/.test(user))
      error = 'ユーザー名には英数字、スペース、下線、ハイフン、ピリオド、@ 記号しか使えません。';
    else if (password === '') error = 'パスワードを入力してください。';
    else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      error = 'メールアドレスが正しくありません。例: name@example.com';
    if (error) return page(pages.installForm(this.base, error), 200);
    const how = {
      siteUrl: this.base,
      title: field('weblog_title'),
      user,
      password,
      email,
      public: !this.form.has('blog_public'),
    };
    if (!install(session, prefix, how, this.db.now()))
      return page(pages.connectionErrorPage(this.base, this.config?.dbHost ?? '', false), 500);
    return page(pages.installedPage(this.base, user));
  }

  private front(session: DatabaseSession, prefix: string, site: string): PhpOutcome {
    const blogname = option(session, prefix, 'blogname') ?? '';
    const description = option(session, prefix, 'blogdescription') ?? '';
    const all = posts(session, prefix, 'post');
    const pageList = posts(session, prefix, 'page');
    const asked = Number(this.params.get('p') ?? this.params.get('page_id') ?? NaN);
    const shown = Number.isNaN(asked) ? all : [...all, ...pageList].filter((p) => p.id === asked);
    if (!Number.isNaN(asked) && shown.length === 0)
      return page(pages.frontPage(site, blogname, description, [], pageList), 404);
    return page(pages.frontPage(site, blogname, description, shown, pageList));
  }

  private cookieName(site: string): string {
    return `wordpress_logged_in_${createHash('md5').update(site).digest('hex')}`;
  }

  private login(session: DatabaseSession, prefix: string, site: string): PhpOutcome {
    if (this.request.method !== 'POST') return page(pages.loginPage(site));
    const user = (this.form.get('log') ?? '').trim();
    const password = this.form.get('pwd') ?? '';
    if (user === '' || password === '') return page(pages.loginPage(site, pages.loginErrors.empty()));
    const verdict = authenticate(session, prefix, user, password);
    if (verdict !== 'ok') return page(pages.loginPage(site, pages.loginErrors[verdict](user)));
    const cookie = `${this.cookieName(site)}=${encodeURIComponent(`${user}|${sessionToken(user, passwordHash(password))}`)}; path=/; HttpOnly`;
    return redirect(`${site}/wp-admin/`, { 'Set-Cookie': cookie });
  }

  private dashboard(session: DatabaseSession, prefix: string, site: string): PhpOutcome {
    const name = this.cookieName(site);
    const value = (this.request.cookie ?? '')
      .split(/;\s*/)
      .find((c) => c.startsWith(`${name}=`))
      ?.slice(name.length + 1);
    const [user = '', token = ''] = decodeURIComponent(value ?? '').split('|');
    const known = user && token && loggedIn(session, prefix, user, token);
    if (!known) return redirect(`${site}/wp-login.php?redirect_to=${encodeURIComponent(`${site}/wp-admin/`)}&reauth=1`);
    return page(pages.dashboardPage(site, option(session, prefix, 'blogname') ?? '', user));
  }
}

/** The login cookie's token: the user and their stored password hash, hashed (a new password ends the login). */
function sessionToken(user: string, hash: string): string {
  return createHash('sha256').update(`${user}:${hash}`).digest('hex').slice(0, 32);
}

function loggedIn(session: DatabaseSession, prefix: string, user: string, token: string): boolean {
  const outcome = session.query(
    `SELECT user_pass FROM ${prefix}users WHERE user_login = '${user.replace(/'/g, "''")}'`,
  );
  if (outcome.kind !== 'result' || outcome.result.kind !== 'rows') return false;
  return outcome.result.rows.some(([hash]) => sessionToken(user, String(hash ?? '')) === token);
}

/** Runs a script of a WordPress installation; undefined when the script belongs to none. */
export function runWordPress(
  instance: InstanceRecord,
  db: DatabaseWorld,
  webRoot: string,
  script: string,
  request: PhpRequest,
): PhpOutcome | undefined {
  const root = wordPressRoot(instance.files, script);
  return root ? new WordPressSite(instance, db, root, webRoot, request).run(script) : undefined;
}

// The practice WordPress's use of its database, over the practice MySQL face (rds/mysql/session.ts) from the
// instance it runs on: connecting as wp-config.php says (through the security groups), what a failure looks like to
// WordPress (refused or unknown host: at once; a database that does not answer the SYN — db-sg closed, a reboot's or
// failover's outage — hangs until PHP gives up), the install's tables (wp_options, wp_users, wp_posts with the
// sample post and page, in the SQL the practice MySQL takes), and the reads the pages make.
import { createHash } from 'node:crypto';
import type { DatabaseValue, InstanceRecord } from '../../core/records';
import { isIpv4, resolveName } from '../dns';
import { databaseNodes } from '../../rds/nodes';
import { connectDatabase, type DatabaseSession, type DatabaseWorld } from '../../rds/mysql/session';
import type { WpConfig } from './config';

export type WordPressClient = Pick<InstanceRecord, 'privateIp' | 'vpcId' | 'securityGroupIds'>;

export type Connection =
  | { kind: 'connected'; session: DatabaseSession }
  /** mysqli could not connect: WordPress's 「データベース接続確立エラー」. */
  | { kind: 'failed' }
  /** The connection hangs (no answer to the SYN) until PHP's connect timeout. */
  | { kind: 'hang' }
  /** Connected, but the database named in DB_NAME is not there: 「データベースを選択できません」. */
  | { kind: 'noDatabase' };

/** DB_HOST as mysqli reads it: `host[:port]`. */
function hostAndPort(dbHost: string): { host: string; port?: number } {
  const match = /^(.*?)(?::(\d+))?$/.exec(dbHost.trim());
  return { host: match?.[1] ?? '', ...(match?.[2] ? { port: Number(match[2]) } : {}) };
}

/** A database whose address answers no SYN now: a reboot's or a failover's outage (the name still points there). */
function inOutage(world: DatabaseWorld, from: WordPressClient, host: string): boolean {
  const records = world.records();
  const now = world.now();
  const address = isIpv4(host) ? host : resolveName(records, world.region, from.vpcId, host, now)?.addresses[0];
  const node = databaseNodes(records, now, world.region).find((n) => n.privateIp === address);
  const record = node && records.dbInstances.find((d) => d.id === node.instanceId);
  if (!node || !record || node.answering) return false;
  const cluster = node.clusterId ? records.dbClusters.find((c) => c.id === node.clusterId) : undefined;
  const outage = record.outageUntil !== undefined && now.getTime() < Date.parse(record.outageUntil);
  return outage || record.status === 'rebooting' || cluster?.status === 'failing-over';
}

export function connectWordPress(world: DatabaseWorld, from: WordPressClient, config: WpConfig): Connection {
  const { host, port } = hostAndPort(config.dbHost);
  const opened = connectDatabase(world, from, {
    host,
    ...(port ? { port } : {}),
    user: config.dbUser,
    password: config.dbPassword,
    database: config.dbName,
  });
  if ('session' in opened) return { kind: 'connected', session: opened.session };
  const { code } = opened.error;
  if (code === 'timeout' || (code === 'refused' && inOutage(world, from, host))) return { kind: 'hang' };
  return code === 'unknownDatabase' ? { kind: 'noDatabase' } : { kind: 'failed' };
}

const quote = (value: DatabaseValue) =>
  value === null
    ? 'NULL'
    : typeof value === 'number'
      ? String(value)
      : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** Rows of a SELECT as objects; undefined when the statement failed (a missing table) or the session dropped. */
function rows(session: DatabaseSession, sql: string): Record<string, DatabaseValue>[] | undefined {
  const outcome = session.query(sql);
  if (outcome.kind !== 'result' || outcome.result.kind !== 'rows') return undefined;
  const { columns, rows: values } = outcome.result;
  return values.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i] ?? null])));
}

function run(session: DatabaseSession, sql: string): boolean {
  return session.query(sql).kind === 'result';
}

/** The option's value, undefined when the table or the option is missing (not installed). */
export function option(session: DatabaseSession, prefix: string, name: string): string | undefined {
  const found = rows(session, `SELECT option_value FROM ${prefix}options WHERE option_name = ${quote(name)}`);
  const value = found?.[0]?.option_value;
  return value === undefined || value === null ? undefined : String(value);
}

/** wp_is_installed(): siteurl is in the options table. */
export const isInstalled = (session: DatabaseSession, prefix: string) =>
  option(session, prefix, 'siteurl') !== undefined;

/** WordPress keeps a hash, never the password (the practice's stand-in for phpass's portable hash). */
export function passwordHash(password: string): string {
  return `$P$B${createHash('sha256').update(`wordpress:${password}`).digest('base64').replace(/[+/=]/g, '').slice(0, 30)}`;
}

export interface Install {
  siteUrl: string;
  title: string;
  user: string;
  password: string;
  email: string;
  public: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** MySQL's DATETIME of a moment, in UTC (WordPress's default timezone is UTC+0; ja's is Asia/Tokyo, +9). */
export const mysqlDate = (d: Date, offsetHours = 0) => {
  const t = new Date(d.getTime() + offsetHours * 3_600_000);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
};

const FIRST_POST =
  '<!-- wp:paragraph -->\n<p>WordPress へようこそ。こちらは最初の投稿です。編集または削除し、コンテンツ作成を始めてください。</p>\n<!-- /wp:paragraph -->';
const SAMPLE_PAGE =
  '<!-- wp:paragraph -->\n<p>これはサンプルページです。同じ位置に固定され、(多くのテーマでは) サイトナビゲーションメニューに含まれるため、ブログ投稿とは異なります。</p>\n<!-- /wp:paragraph -->';

/** wp_install(): the tables, the options, the administrator, the sample post and page. False if a write failed. */
export function install(session: DatabaseSession, prefix: string, how: Install, now: Date): boolean {
  const local = mysqlDate(now, 9);
  const gmt = mysqlDate(now);
  const statements = [
    `CREATE TABLE IF NOT EXISTS ${prefix}options (option_id bigint(20) unsigned NOT NULL AUTO_INCREMENT, option_name varchar(191) NOT NULL DEFAULT '', option_value longtext NOT NULL, autoload varchar(20) NOT NULL DEFAULT 'yes', PRIMARY KEY (option_id), UNIQUE KEY option_name (option_name)) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`,
    `CREATE TABLE IF NOT EXISTS ${prefix}users (ID bigint(20) unsigned NOT NULL AUTO_INCREMENT, user_login varchar(60) NOT NULL DEFAULT '', user_pass varchar(255) NOT NULL DEFAULT '', user_nicename varchar(50) NOT NULL DEFAULT '', user_email varchar(100) NOT NULL DEFAULT '', user_url varchar(100) NOT NULL DEFAULT '', user_registered datetime NOT NULL, user_status int(11) NOT NULL DEFAULT '0', display_name varchar(250) NOT NULL DEFAULT '', PRIMARY KEY (ID), KEY user_login_key (user_login)) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`,
    `CREATE TABLE IF NOT EXISTS ${prefix}posts (ID bigint(20) unsigned NOT NULL AUTO_INCREMENT, post_author bigint(20) unsigned NOT NULL DEFAULT '0', post_date datetime NOT NULL, post_date_gmt datetime NOT NULL, post_content longtext NOT NULL, post_title text NOT NULL, post_status varchar(20) NOT NULL DEFAULT 'publish', comment_status varchar(20) NOT NULL DEFAULT 'open', post_name varchar(200) NOT NULL DEFAULT '', post_type varchar(20) NOT NULL DEFAULT 'post', guid varchar(255) NOT NULL DEFAULT '', comment_count bigint(20) NOT NULL DEFAULT '0', PRIMARY KEY (ID), KEY post_name (post_name(191))) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci`,
    ...(
      [
        ['siteurl', how.siteUrl],
        ['home', how.siteUrl],
        ['blogname', how.title],
        ['blogdescription', ''],
        ['admin_email', how.email],
        ['blog_public', how.public ? '1' : '0'],
        ['template', 'twentytwentyfive'],
        ['stylesheet', 'twentytwentyfive'],
        ['WPLANG', 'ja'],
        ['timezone_string', 'Asia/Tokyo'],
        ['db_version', '58975'],
      ] as const
    ).map(
      ([name, value]) =>
        `INSERT INTO ${prefix}options (option_name, option_value, autoload) VALUES (${quote(name)}, ${quote(value)}, 'yes')`,
    ),
    `INSERT INTO ${prefix}users (user_login, user_pass, user_nicename, user_email, user_registered, display_name) VALUES (${quote(how.user)}, ${quote(passwordHash(how.password))}, ${quote(how.user.toLowerCase())}, ${quote(how.email)}, ${quote(gmt)}, ${quote(how.user)})`,
    `INSERT INTO ${prefix}posts (post_author, post_date, post_date_gmt, post_content, post_title, post_status, post_name, post_type, guid, comment_count) VALUES (1, ${quote(local)}, ${quote(gmt)}, ${quote(FIRST_POST)}, 'Hello world!', 'publish', 'hello-world', 'post', ${quote(`${how.siteUrl}/?p=1`)}, 1)`,
    `INSERT INTO ${prefix}posts (post_author, post_date, post_date_gmt, post_content, post_title, post_status, post_name, post_type, guid, comment_count) VALUES (1, ${quote(local)}, ${quote(gmt)}, ${quote(SAMPLE_PAGE)}, 'サンプルページ', 'publish', 'sample-page', 'page', ${quote(`${how.siteUrl}/?page_id=2`)}, 0)`,
  ];
  return statements.every((sql) => run(session, sql));
}

export interface Post {
  id: number;
  title: string;
  content: string;
  date: string;
  type: string;
  name: string;
}

/** Published posts (or pages), newest first, as the front page's loop reads them. */
export function posts(session: DatabaseSession, prefix: string, type: 'post' | 'page'): Post[] {
  const found =
    rows(
      session,
      `SELECT ID, post_title, post_content, post_date, post_type, post_name FROM ${prefix}posts WHERE post_status = 'publish' AND post_type = ${quote(type)} ORDER BY post_date DESC`,
    ) ?? [];
  return found.map((r) => ({
    id: Number(r.ID),
    title: String(r.post_title ?? ''),
    content: String(r.post_content ?? ''),
    date: String(r.post_date ?? ''),
    type: String(r.post_type ?? ''),
    name: String(r.post_name ?? ''),
  }));
}

/** The user whose login (or email) and password match, for wp-login.php. */
export function authenticate(
  session: DatabaseSession,
  prefix: string,
  login: string,
  password: string,
): 'ok' | 'unknownUser' | 'wrongPassword' {
  const found = rows(
    session,
    `SELECT user_login, user_pass FROM ${prefix}users WHERE user_login = ${quote(login)} OR user_email = ${quote(login)}`,
  )?.[0];
  if (!found) return 'unknownUser';
  return found.user_pass === passwordHash(password) ? 'ok' : 'wrongPassword';
}

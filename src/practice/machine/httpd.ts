// The web server on a practice instance: Apache httpd as Amazon Linux installs it, modelled by the
// instance's own files so that an AMI (a copy of the files) carries it to a clone:
//   installed             /usr/sbin/httpd exists
//   enabled               systemd's wants link exists: httpd starts at every boot
//   started since boot    /run/httpd/httpd.pid exists (`systemctl start` without enable). /run is a
//                         tmpfs: stopping an instance empties it, and an AMI never carries it.
// httpd serves /var/www/html on port 80 and logs every request to /var/log/httpd/access_log. With PHP installed
// (`yum install php`: /usr/bin/php and conf.d/php.conf), `.php` files are scripts and a directory's index is
// index.html, else index.php (php.conf's DirectoryIndex); the caller runs them (phpScript, wordpress/site.ts).
// Everything here is a pure function of the instance record, except the helpers that write files.
import type { FileRecord, InstanceRecord } from '../core/records';
import { fileBytes } from './fileContent';
import { WEB_ROOT } from '../seed/webServerPage';

export const HTTPD_BINARY = '/usr/sbin/httpd';
export const HTTPD_ENABLED_LINK = '/etc/systemd/system/multi-user.target.wants/httpd.service';
export const HTTPD_PID_FILE = '/run/httpd/httpd.pid';
export const HTTPD_ACCESS_LOG = '/var/log/httpd/access_log';
export const HTTPD_PORT = 80;
/** Files under this prefix vanish when an instance stops and are not part of an AMI. */
export const RUNTIME_PREFIX = '/run/';

export const PHP_BINARY = '/usr/bin/php';
export const PHP_CONF = '/etc/httpd/conf.d/php.conf';

/** `yum install php`: the interpreter and Apache's module configuration. */
export function installPhp(files: Record<string, FileRecord>): void {
  files[PHP_BINARY] ??= { content: '', owner: 'root', mode: 0o755 };
  files[PHP_CONF] ??= {
    content:
      '<FilesMatch \\.(php|phar)$>\n    SetHandler application/x-httpd-php\n</FilesMatch>\n\nAddType text/html .php\n\nDirectoryIndex index.php\n',
    owner: 'root',
    mode: 0o644,
  };
}

export function phpInstalled(instance: Pick<InstanceRecord, 'files'>): boolean {
  return PHP_BINARY in instance.files && PHP_CONF in instance.files;
}

export function httpdInstalled(instance: Pick<InstanceRecord, 'files'>): boolean {
  return HTTPD_BINARY in instance.files;
}

/** httpd accepts connections: the instance runs, and httpd is enabled or was started since boot. */
export function httpdRunning(instance: Pick<InstanceRecord, 'files' | 'state'>): boolean {
  return (
    instance.state === 'running' &&
    httpdInstalled(instance) &&
    (HTTPD_ENABLED_LINK in instance.files || HTTPD_PID_FILE in instance.files)
  );
}

/**
 * Installs httpd (`dnf install -y httpd`), optionally enables it (`systemctl enable`) and starts it
 * (`systemctl start`): for user data, the starting state and fixtures. Starting creates the access log.
 */
export function installHttpd(files: Record<string, FileRecord>, how: { enable?: boolean; start?: boolean } = {}): void {
  files[HTTPD_BINARY] ??= { content: '', owner: 'root', mode: 0o755 };
  if (how.enable)
    files[HTTPD_ENABLED_LINK] = { content: '/usr/lib/systemd/system/httpd.service', owner: 'root', mode: 0o777 };
  if (how.start) {
    files[HTTPD_PID_FILE] = { content: '1234\n', owner: 'root', mode: 0o644 };
    files[HTTPD_ACCESS_LOG] ??= { content: '', owner: 'root', mode: 0o644 };
  }
}

/** What stopping an instance does to its files: /run is emptied (httpd started by hand stays off). */
export function clearRuntimeFiles(files: Record<string, FileRecord>): void {
  for (const path of Object.keys(files)) if (path.startsWith(RUNTIME_PREFIX)) delete files[path];
}

export interface HttpAnswer {
  status: number;
  contentType: string;
  /** Text, or the bytes of a file that is not UTF-8 text. */
  body: string | Buffer;
}

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=UTF-8',
  htm: 'text/html; charset=UTF-8',
  txt: 'text/plain; charset=UTF-8',
  css: 'text/css; charset=UTF-8',
  js: 'text/javascript; charset=UTF-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  ico: 'image/vnd.microsoft.icon',
};

function errorPage(status: number, title: string, detail: string): HttpAnswer {
  return {
    status,
    contentType: 'text/html; charset=iso-8859-1',
    body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${title}</title>\n</head><body>\n<h1>${title}</h1>\n<p>${detail}</p>\n</body></html>\n`,
  };
}

/** The file a URL path maps to under the web root, with the directory index; undefined for `..` tricks. */
function webRootPath(urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  } catch {
    return undefined;
  }
  const parts: string[] = [];
  for (const part of decoded.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return undefined;
    parts.push(part);
  }
  return parts.length ? `${WEB_ROOT}/${parts.join('/')}` : WEB_ROOT;
}

/** The file a request for `urlPath` serves, after the directory index; undefined when there is none. */
function servedFile(instance: Pick<InstanceRecord, 'files'>, path: string): string | undefined {
  const file = instance.files[path];
  const isDirectory = path === WEB_ROOT || (!file && Object.keys(instance.files).some((p) => p.startsWith(`${path}/`)));
  if (!isDirectory) return file ? path : undefined;
  const indexes = phpInstalled(instance) ? ['index.html', 'index.php'] : ['index.html'];
  return indexes.map((name) => `${path}/${name}`).find((p) => p in instance.files);
}

/** The PHP script a request runs (its absolute path), when PHP is installed and the URL maps to a `.php` file. */
export function phpScript(instance: Pick<InstanceRecord, 'files'>, urlPath: string): string | undefined {
  if (!phpInstalled(instance)) return undefined;
  const path = webRootPath(urlPath);
  const served = path ? servedFile(instance, path) : undefined;
  return served?.toLowerCase().endsWith('.php') ? served : undefined;
}

/**
 * httpd's answer to a GET of `urlPath`, from the instance's files (the caller checks httpdRunning; it runs PHP
 * scripts itself, phpScript: here a script answers what it holds outside `<?php ... ?>`, as for a health check).
 * A directory serves its index.html; the bare root without one answers 403 with the test page, as
 * Amazon Linux's welcome.conf does; anything else missing is a 404.
 */
export function httpdAnswer(instance: Pick<InstanceRecord, 'files'>, urlPath: string): HttpAnswer {
  const path = webRootPath(urlPath);
  if (!path)
    return errorPage(400, 'Bad Request', 'Your browser sent a request that this server could not understand.<br />');
  const target = servedFile(instance, path);
  const page = target ? instance.files[target] : undefined;
  if (target && page) {
    const extension = target.slice(target.lastIndexOf('.') + 1).toLowerCase();
    if (extension === 'php' && phpInstalled(instance))
      return {
        status: 200,
        contentType: CONTENT_TYPES.html ?? '',
        body: page.content.replace(/<\?php[\s\S]*?(\?>|$)/g, ''),
      };
    return {
      status: 200,
      contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream',
      body: page.encoding === 'base64' ? fileBytes(page) : page.content,
    };
  }
  if (path === WEB_ROOT) {
    return {
      status: 403,
      contentType: 'text/html; charset=UTF-8',
      body: '<!DOCTYPE html>\n<html><head><title>Test Page for the HTTP Server</title></head><body><h1>It works!</h1></body></html>\n',
    };
  }
  const shown = urlPath.split('?')[0] ?? urlPath;
  return errorPage(404, 'Not Found', `The requested URL ${shown.replace(/[<>&"]/g, '')} was not found on this server.`);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Apache's `%t`: [23/Nov/2026:10:00:00 +0000] (instances run in UTC). */
function apacheTime(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `[${p(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:${p(at.getUTCSeconds())} +0000]`;
}

export interface AccessLogEntry {
  sourceIp: string;
  at: Date;
  method: string;
  path: string;
  httpVersion: string;
  status: number;
  bytes: number;
  referer?: string;
  userAgent?: string;
}

/** One line of Apache's combined log format. */
export function combinedLogLine(entry: AccessLogEntry): string {
  const quoted = (value: string | undefined) => (value ? value.replace(/["\\]/g, (c) => `\\${c}`) : '-');
  return (
    `${entry.sourceIp} - - ${apacheTime(entry.at)} "${entry.method} ${entry.path} HTTP/${entry.httpVersion}" ` +
    `${entry.status} ${entry.bytes > 0 ? entry.bytes : '-'} "${quoted(entry.referer)}" "${quoted(entry.userAgent)}"`
  );
}

/** The log keeps its last lines only, so a busy practice instance does not grow the state file forever. */
const ACCESS_LOG_MAX_LINES = 5000;

/** Appends lines to the instance's access log (created root 0644 if missing). */
export function appendAccessLog(instance: Pick<InstanceRecord, 'files'>, lines: readonly string[]): void {
  if (lines.length === 0) return;
  const file = (instance.files[HTTPD_ACCESS_LOG] ??= { content: '', owner: 'root', mode: 0o644 });
  let content = file.content + lines.map((l) => `${l}\n`).join('');
  let count = 0;
  for (let i = content.length - 1; i >= 0; i--) {
    if (content.charCodeAt(i) === 10 && ++count > ACCESS_LOG_MAX_LINES) {
      content = content.slice(i + 1);
      break;
    }
  }
  file.content = content;
}

// Seed 003's sample app: whatever app webserver#1 was set up with in its Step-1 (the handout only ever says
// "サンプルアプリが表示されれば成功です", behind nginx), copied to webserver#2 by the AMI "sampleapp userXX". Its text
// is the class's, not ours, so it is recognised as any HTML page a web server answers with that is not the server's
// own default page (nginx's or Apache's welcome: the app is not installed yet).

/** The words of the web servers' own pages a fresh install answers with (nginx, Apache httpd, Amazon Linux's httpd). */
const SERVER_DEFAULT = [
  'Welcome to nginx!',
  'It works!',
  'Test Page for the Apache HTTP Server',
  'Apache HTTP Server Test Page',
  'Test Page for the Nginx HTTP Server',
];

/** An HTML document (a doctype, or an html or body element), not a plain-text or JSON answer. */
export function isHtmlPage(body: string): boolean {
  return /<!doctype html|<html[\s>]|<body[\s>]/i.test(body);
}

/** A web server's own page, answered until an app (or a page) is put in its document root. */
export function isServerDefaultPage(body: string): boolean {
  return SERVER_DEFAULT.some((words) => body.includes(words));
}

/** Whether a body is an app's page: HTML, and not the web server's default page. */
export function isSampleAppPage(body: string): boolean {
  return isHtmlPage(body) && !isServerDefaultPage(body);
}

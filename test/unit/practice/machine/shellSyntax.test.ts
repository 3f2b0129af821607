// The practice machine's one shell parser (src/practice/shellSyntax.ts) and its two readers: the instance's shell
// (shell.ts) and cloud-init's user data (userData.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PRACTICE_REGION } from '../../../../src/practice/core/constants';
import { InstanceFiles } from '../../../../src/practice/machine/instanceFiles';
import type { FileRecord } from '../../../../src/practice/core/records';
import { createStartingWorld } from '../../../../src/practice/seed/startingState';
import { Shell } from '../../../../src/practice/machine/shell';
import { parseScript, type Redirection } from '../../../../src/practice/machine/shellSyntax';
import { expandWord, type Expansions, type Word } from '../../../../src/practice/machine/shellWords';
import { runUserData } from '../../../../src/practice/machine/userData';

/** Expansions shown as markers, so a test sees what the parser took for one. */
const MARKED: Expansions = {
  variable: (name) => `<$${name}>`,
  command: (script) => `<(${script})>`,
  tilde: () => '<~>',
};
const shown = (word: Word) => expandWord(word, MARKED);

function redirection(r: Redirection): string {
  if (r.kind === 'hereDoc') return `<<${r.stripTabs ? '-' : ''}${r.delimiter}:${shown(r.body)}`;
  if (r.kind === 'duplicate') return `${r.fd}>&${shown(r.to)}`;
  return `${r.fd === 'both' ? '&' : r.fd}${r.op}${shown(r.target)}`;
}

/** Each list as `after` + pipelines of words (redirections after `@`). */
function shape(source: string) {
  const script = parseScript(source);
  return {
    lists: script.lists.map((list) =>
      list.map((item) => ({
        after: item.after,
        ...(item.background ? { background: true } : {}),
        commands: item.commands.map((c) => [...c.words.map(shown), ...c.redirections.map((r) => `@${redirection(r)}`)]),
      })),
    ),
    ...(script.error ? { error: script.error.message } : {}),
  };
}

const one = (...commands: string[][]) => [{ after: ';', commands }];

test('shell syntax: quotes, escapes and expansions are kept apart within a word', () => {
  assert.deepEqual(shape(`echo 'a  $X' "b \\"c\\" \\$d \\x" e\\ f g'h'"i" '' ~/k ~x a~`).lists, [
    one(['echo', 'a  $X', 'b "c" $d \\x', 'e f', 'ghi', '', '<~>/k', '~x', 'a~']),
  ]);
  assert.deepEqual(shape('echo "$A ${B}" $(hostname -f) "`id -u`" $1 a$').lists, [
    one(['echo', '<$A> <$B>', '<(hostname -f)>', '<(id -u)>', '$1', 'a$']),
  ]);
  // Quotes and parentheses inside a substitution do not end it.
  assert.deepEqual(shape(`X=$(curl -H "a: )" 'b)' "$(echo (1))")`).lists, [
    one([`X=<(curl -H "a: )" 'b)' "$(echo (1))")>`]),
  ]);
  assert.deepEqual(shape('echo a # a comment\n#!/bin/bash\necho b#c').lists, [
    one(['echo', 'a']),
    one(['echo', 'b#c']),
  ]);
});

test('shell syntax: ;, &&, || and newlines join pipelines; a line goes on after &&, ||, | and a backslash', () => {
  assert.deepEqual(shape('a && b || c; d\ne &').lists, [
    [
      { after: ';', commands: [['a']] },
      { after: '&&', commands: [['b']] },
      { after: '||', commands: [['c']] },
      { after: ';', commands: [['d']] },
    ],
    [{ after: ';', background: true, commands: [['e']] }],
  ]);
  assert.deepEqual(shape('dnf install -y \\\n  httpd &&\n\nsystemctl start httpd;;').lists, [
    [
      { after: ';', commands: [['dnf', 'install', '-y', 'httpd']] },
      { after: '&&', commands: [['systemctl', 'start', 'httpd']] },
    ],
  ]);
  assert.deepEqual(shape('echo x | sudo tee -a /f |\n  cat').lists, [
    one(['echo', 'x'], ['sudo', 'tee', '-a', '/f'], ['cat']),
  ]);
  assert.deepEqual(shape('echo a&&echo b||echo c|cat').lists, [
    [
      { after: ';', commands: [['echo', 'a']] },
      { after: '&&', commands: [['echo', 'b']] },
      { after: '||', commands: [['echo', 'c'], ['cat']] },
    ],
  ]);
});

test('shell syntax: redirections > >> < with descriptors, &> and duplications; quoted operators are words', () => {
  assert.deepEqual(shape('echo hi>/tmp/a >> ~/b < in 2>/dev/null 2>&1 >&2 &>all &>>more x2>y "2">z ">" \\|').lists, [
    one([
      'echo',
      'hi',
      'x2',
      '2',
      '>',
      '|',
      '@1>/tmp/a',
      '@1>><~>/b',
      '@0<in',
      '@2>/dev/null',
      '@2>&1',
      '@1>&2',
      '@&>all',
      '@&>>more',
      '@1>y',
      '@1>z',
    ]),
  ]);
  assert.deepEqual(shape('> /f').lists, [one(['@1>/f'])]);
});

test('shell syntax: here-documents, expanded unless the delimiter is quoted; <<- strips tabs; the next line runs', () => {
  const script = [
    "cat > /a <<'EOF'",
    '$HOME `id` \\$x',
    'EOF',
    'cat <<EOF >/b && echo next',
    '"$AZ" ${B} $(hostname) \\$C \\x',
    'EOF',
    '\tcat <<-"END"',
    '\t\tindented $X',
    '\tEND',
    'tee /c <<E1 <<E2',
    'one',
    'E1',
    'two',
    'E2',
    'echo after',
    'cat <<EOF',
    'never closed',
  ].join('\n');
  assert.deepEqual(shape(script).lists, [
    one(['cat', '@1>/a', '@<<EOF:$HOME `id` \\$x\n']),
    [
      { after: ';', commands: [['cat', '@<<EOF:"<$AZ>" <$B> <(hostname)> $C \\x\n', '@1>/b']] },
      { after: '&&', commands: [['echo', 'next']] },
    ],
    one(['cat', '@<<-END:indented $X\n']),
    one(['tee', '/c', '@<<E1:one\n', '@<<E2:two\n']),
    one(['echo', 'after']),
    one(['cat', '@<<EOF:never closed\n']),
  ]);
});

test("shell syntax: errors in bash's words; the lines before one are complete", () => {
  const error = (source: string) => shape(source).error;
  assert.equal(error("echo 'a"), "unexpected EOF while looking for matching `''");
  assert.equal(error('echo "a'), 'unexpected EOF while looking for matching `"\'');
  assert.equal(error('echo $(a'), "unexpected EOF while looking for matching `)'");
  assert.equal(error('echo `a'), "unexpected EOF while looking for matching ``'");
  assert.equal(error('a &&'), 'syntax error: unexpected end of file');
  assert.equal(error('a |\n\n'), 'syntax error: unexpected end of file');
  assert.equal(error('&& a'), "syntax error near unexpected token `&&'");
  assert.equal(error('a || | b'), "syntax error near unexpected token `|'");
  assert.equal(error('echo >'), "syntax error near unexpected token `newline'");
  assert.equal(error('echo > ; b'), "syntax error near unexpected token `;'");
  assert.deepEqual(shape('echo one\necho "two\necho three'), {
    lists: [one(['echo', 'one'])],
    error: 'unexpected EOF while looking for matching `"\'',
  });
  // A quoted string may span lines.
  assert.deepEqual(shape('echo "a\nb"').lists, [one(['echo', 'a\nb'])]);
});

async function shellRun(shell: Shell, line: string) {
  let stdout = '';
  let stderr = '';
  const status = await shell.run(line, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { stdout, stderr, status };
}

test('the shell reads the parser: ~ expands, $ stays as typed, what it cannot run is refused before anything runs', async () => {
  const world = createStartingWorld();
  const [instance] = world.region(PRACTICE_REGION).instances;
  const files = new InstanceFiles(world, PRACTICE_REGION, instance?.id ?? '');
  const shell = new Shell({ files, hostname: 'ip-172-31-36-12.internal', onChange: () => () => undefined });
  assert.deepEqual(await shellRun(shell, `echo "a  b" 'c'\\ d $HOME "$(id)" > ~/x.txt && cat ~/x.txt`), {
    stdout: 'a  b c d $HOME $(id)\n',
    stderr: '',
    status: 0,
  });
  assert.deepEqual(await shellRun(shell, 'false || echo one\necho two; false && echo three'), {
    stdout: 'one\ntwo\n',
    stderr: '',
    status: 1,
  });
  for (const [line, message] of [
    ['echo a > ~/y.txt; echo b | cat', 'pipes are not supported here'],
    ['echo a > ~/y.txt; cat < ~/x.txt', 'input redirection are not supported here'],
    ['echo a > ~/y.txt; cat <<EOF\nz\nEOF', 'input redirection are not supported here'],
    ['echo a > ~/y.txt; sleep 1 &', 'background jobs (&) are not supported here'],
    ['echo a > ~/y.txt; ls 2> ~/y.txt', 'redirections other than > and >> of the output are not supported here'],
    ["echo a > ~/y.txt; echo 'b", "unexpected EOF while looking for matching `''"],
  ]) {
    assert.deepEqual(await shellRun(shell, line ?? ''), { stdout: '', stderr: `bash: ${message}\n`, status: 2 }, line);
    assert.equal(files.lookup('/home/ec2-user/y.txt'), undefined, `nothing of '${line}' ran`);
  }
  assert.deepEqual(await shellRun(shell, '> ~/empty.txt && stat -c %s ~/empty.txt'), {
    stdout: '0\n',
    stderr: '',
    status: 0,
  });
});

test('user data reads the parser: a here-document piped to tee, \\" inside double quotes, NAME=value before a command', () => {
  const files: Record<string, FileRecord> = {};
  runUserData(
    [
      '#!/bin/bash',
      'LANG=C dnf install -y httpd',
      'cat <<EOF | sudo tee /var/www/html/index.html > /dev/null',
      '<p>$(hostname)</p>',
      'EOF',
      'echo "say \\"hi\\"" >/var/www/html/quote.txt',
      'echo kept > /var/www/html/or.txt || echo replaced > /var/www/html/or.txt',
      'echo "unclosed > /var/www/html/never.txt',
    ].join('\n'),
    files,
    {
      instanceId: 'i-0123456789abcdef0',
      privateIp: '172.31.20.5',
      privateDnsName: 'ip-172-31-20-5.ap-northeast-1.compute.internal',
      availabilityZone: 'ap-northeast-1d',
      region: 'ap-northeast-1',
      instanceType: 't2.micro',
      amiId: 'ami-0123456789abcdef0',
    },
  );
  assert.ok('/usr/sbin/httpd' in files, 'LANG=C is the command’s environment, not a variable swallowing it');
  assert.equal(files['/var/www/html/index.html']?.content, '<p>ip-172-31-20-5.ap-northeast-1.compute.internal</p>\n');
  assert.equal(files['/var/www/html/quote.txt']?.content, 'say "hi"\n');
  assert.equal(files['/var/www/html/or.txt']?.content, 'kept\n');
  assert.ok(!('/var/www/html/never.txt' in files), 'a syntax error ends the script');
});

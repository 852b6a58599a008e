import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './test-support.ts';

const DOVECOT = ['/usr/sbin/dovecot', '/usr/bin/dovecot'].find((p) => existsSync(p)) ?? null;

export function dovecotAvailable(): boolean {
  return DOVECOT !== null;
}

function idOf(kind: '-u' | '-g', user: string): number | null {
  try {
    return Number(execFileSync('id', [kind, user]).toString().trim());
  } catch {
    return null;
  }
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A private Dovecot for one test file: its own config, maildir and user in a temp dir, on a free
 * 127.0.0.1 port, started in the foreground and killed afterwards (no system service touched).
 */
export async function startDovecot() {
  if (!DOVECOT) throw new Error('dovecot is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'tiquete-dovecot-'));
  const port = await freePort();
  const runningAsRoot = process.getuid?.() === 0;
  // Dovecot refuses mail access as root; the package's own unprivileged user owns the mail then.
  const mailUser = runningAsRoot ? 'dovecot' : userInfo().username;
  const uid = runningAsRoot ? idOf('-u', 'dovecot') : process.getuid?.();
  const gid = runningAsRoot ? idOf('-g', 'dovecot') : process.getgid?.();
  const user = 'soporte';
  const password = 'secreto-de-prueba';
  for (const sub of ['run', 'mail', 'home']) mkdirSync(join(dir, sub));
  if (runningAsRoot && typeof uid === 'number' && typeof gid === 'number') {
    chmodSync(dir, 0o755);
    for (const sub of ['mail', 'home']) chownSync(join(dir, sub), uid, gid);
  }
  writeFileSync(join(dir, 'passwd'), `${user}:{PLAIN}${password}::::::\n`);
  const conf = `
base_dir = ${dir}/run
state_dir = ${dir}/run
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${dir}/mail/%u
first_valid_uid = 1
default_internal_user = ${runningAsRoot ? 'dovecot' : mailUser}
default_login_user = ${runningAsRoot ? 'dovenull' : mailUser}
passdb {
  driver = passwd-file
  args = ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/home/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service stats {
  unix_listener stats-reader {
    mode = 0666
  }
  unix_listener stats-writer {
    mode = 0666
  }
}
`;
  writeFileSync(join(dir, 'dovecot.conf'), conf);
  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', join(dir, 'dovecot.conf')], { stdio: 'ignore' });
  await waitForPort(port, 10_000);
  return {
    port,
    user,
    password,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The real parts of a review-UI test: Postfix's smtp-sink as the next hop and release relay,
// `galguard serve` with the web UI on a free loopback port, accounts made with `galguard
// users add`, and mail sent in over SMTP with swaks, so the queue holds what the gateway held.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const binary = process.env.GALGUARD_BINARY;
export const sourceDir = process.env.GALGUARD_SOURCE_DIR;
const peers = join(sourceDir ?? '.', 'tests/peers');

if (!binary || !sourceDir) throw new Error('set GALGUARD_BINARY and GALGUARD_SOURCE_DIR (CTest does)');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, what, seconds = 15) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    const open = await new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} does not listen on 127.0.0.1:${port}`);
}

export class Gateway {
  sent = 0;

  static async start({ fourEyes = false } = {}) {
    const g = new Gateway();
    g.dir = mkdtempSync(join(tmpdir(), 'galguard-browser-'));
    chmodSync(g.dir, 0o755);  // smtp-sink runs as postfix and writes below it
    [g.smtpPort, g.sinkPort, g.webPort] = [await freePort(), await freePort(), await freePort()];
    g.sinkDir = join(g.dir, 'sink');
    execFileSync(join(peers, 'smtp-sink-peer'), ['start', g.sinkDir, '--port', String(g.sinkPort)]);
    g.config = join(g.dir, 'galguard.toml');
    writeFileSync(g.config, `
[directory]
sources = ["${sourceDir}/samples/gal.ldif"]
policy = "${sourceDir}/samples/policy.toml"
saved_snapshot = "${g.dir}/snapshot"
[smtp]
listen = ["127.0.0.1:${g.smtpPort}"]
hostname = "galguard.test"
spool_directory = "${g.dir}/spool"
[relay]
next_hop = "127.0.0.1:${g.sinkPort}"
[quarantine]
database = "${g.dir}/quarantine.db"
[review]
listen = ["127.0.0.1:${g.webPort}"]
four_eyes = ${fourEyes}
four_eyes_identity_numbers = 0
[incidents]
organisation = "Exempelstadens stadsdelsförvaltning"
contact = "Dataskyddsombud, dso@stockholm.se, 08-508 00 000"
processors = "Microsoft (Exchange Online)"
`);
    g.log = join(g.dir, 'galguard.log');
    g.process = spawn(binary, ['serve', '--config', g.config], {
      stdio: ['ignore', 'ignore', openSync(g.log, 'a')],
    });
    await waitForPort(g.smtpPort, `galguard serve (see ${g.log})`);
    await waitForPort(g.webPort, `the review UI (see ${g.log})`);
    g.url = `http://127.0.0.1:${g.webPort}`;
    return g;
  }

  // `galguard ARGS --config CONFIG`; its standard output.
  galguard(args, input) {
    return execFileSync(binary, [...args, '--config', this.config], { input, encoding: 'utf8' });
  }

  addUser(name, role, password) {
    this.galguard(['users', 'add', name, '--role', role], password + '\n');
  }

  // Sends a message (a file, or its text as `data`) over SMTP through the gateway; returns the
  // quarantine id when the gateway held it ("250 2.0.0 Ok: held for review as ID").
  send({ from, to, file, data }) {
    if (data !== undefined) {
      file = join(this.dir, `message-${++this.sent}.eml`);
      writeFileSync(file, data, 'latin1');
    }
    const args = ['--server', `127.0.0.1:${this.smtpPort}`, '--from', from, '--to', to, '--data', `@${file}`];
    const transcript = execFileSync('swaks', args, { encoding: 'utf8' });
    return transcript.match(/held for review as ([0-9a-f]+)/)?.[1];
  }

  // Messages smtp-sink received, oldest first, as text.
  delivered() {
    const out = execFileSync(join(peers, 'smtp-sink-peer'), ['list', this.sinkDir], { encoding: 'utf8' });
    return out.split('\n').filter(Boolean).map((f) => readFileSync(f, 'utf8'));
  }

  stop() {
    this.process?.kill('SIGTERM');
    try {
      execFileSync(join(peers, 'smtp-sink-peer'), ['stop', this.sinkDir]);
    } catch { /* already gone */ }
  }
}

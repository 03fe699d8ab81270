#!/usr/bin/env node
// Drives Telethon.TestServer with GramJS (npm "telegram"), an MTProto client written independently of
// this repository, the way an application would drive Telegram: handshake with the server's RSA key,
// every TCP transport GramJS offers, sign-up and sign-in by phone code, 2FA, bot login, getMe,
// messages and their updates.
//
// Usage: node gramjs-smoke.mjs ['<ready JSON line>' | path/to/ready.json] [--verbose] [--timeout S]
//                              [--adopt-layer path/to/@mtcute/tl/api-schema.json]
//        (without a line argument the line is read from standard input)
//   The line is the one the test server prints when it listens:
//   {"dcs":[{"id":1,"host":"127.0.0.1","port":…},…],"rsa_public_key_pem":"…","rsa_fingerprint":"…","layer":…}
// Prints one JSON line {"ok":…,"gramjs":…,"passed":[…],"failed":[{step,error}],"skipped":[…],"steps":[…]}
// and exits 0 when every step passed, 1 when one failed, 2 when the input is unusable.
// The whole run is bounded by --timeout seconds (60 by default); each step by 15 s.
//
// --adopt-layer is a diagnostic, not what an application does: it rebuilds GramJS's TL classes from
// the given schema (mtcute's JSON form, e.g. the repository's node_modules/@mtcute/tl/api-schema.json)
// and makes GramJS announce that layer, so the rest of the flow can be exercised while the server
// answers every client in its own layer. The result line then says "mode":"adopted-layer-N".

import { createRequire } from 'node:module';
import { createPublicKey, createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const timeoutArg = args.indexOf('--timeout');
const overallSeconds = timeoutArg >= 0 ? Number(args[timeoutArg + 1]) : 60;
const adoptArg = args.indexOf('--adopt-layer');
const adoptSchema = adoptArg >= 0 ? args[adoptArg + 1] : null;
const valueIndexes = new Set([timeoutArg, adoptArg].filter(i => i >= 0).map(i => i + 1));
const positional = args.filter((a, i) => !a.startsWith('--') && !valueIndexes.has(i));
let mode = 'gramjs';

const steps = [];
const started = Date.now();
let finished = false;

function report(extra = {}) {
  if (finished) return;
  finished = true;
  const failed = steps.filter(s => s.status === 'failed');
  const { exitCode, ...fields } = extra;
  const line = {
    ok: failed.length === 0 && steps.length > 0 && !extra.error,
    mode,
    gramjs: gramjsVersion(),
    layer: gramjsLayer(),
    server_layer: ready?.layer,
    passed: steps.filter(s => s.status === 'passed').map(s => s.step),
    failed: failed.map(s => ({ step: s.step, error: s.error })),
    skipped: steps.filter(s => s.status === 'skipped').map(s => ({ step: s.step, reason: s.reason })),
    ms: Date.now() - started,
    ...fields,
    steps,
  };
  process.stdout.write(JSON.stringify(line) + '\n', () => process.exit(exitCode ?? (line.ok ? 0 : 1)));
}

function fatal(message, exitCode = 2) {
  report({ error: message, exitCode });
}

function gramjsVersion() {
  try { return JSON.parse(readFileSync(require.resolve('telegram/package.json'), 'utf8')).version; } catch { return null; }
}
function gramjsLayer() {
  try { return require('telegram/tl/AllTLObjects').LAYER; } catch { return null; }
}
function log(...parts) {
  if (verbose) process.stderr.write(`[smoke ${((Date.now() - started) / 1000).toFixed(1)}s] ${parts.join(' ')}\n`);
}

const overall = setTimeout(() => {
  const running = steps.find(s => s.status === 'running');
  if (running) { running.status = 'failed'; running.error = `still running when the overall ${overallSeconds} s ran out`; }
  fatal(`the run did not finish within ${overallSeconds} s`, 1);
}, overallSeconds * 1000);

// ---- the server's ready line ---------------------------------------------------------------

async function readLine() {
  if (positional.length > 0) {
    const text = positional[0].trim().startsWith('{') ? positional[0] : readFileSync(positional[0], 'utf8');
    return text.split('\n').find(l => l.trim().startsWith('{'));
  }
  let text = '';
  for await (const chunk of process.stdin) {
    text += chunk;
    // The server keeps its standard output open, so take the first complete JSON line.
    const complete = text.split('\n').slice(0, -1).find(l => l.trim().startsWith('{'));
    if (complete) return complete;
  }
  return text.split('\n').find(l => l.trim().startsWith('{'));
}

let ready;
try {
  const line = await readLine();
  if (!line) throw new Error('no JSON line on the input');
  ready = JSON.parse(line);
  if (!Array.isArray(ready.dcs) || !ready.rsa_public_key_pem || !/^[0-9a-f]{16}$/i.test(ready.rsa_fingerprint ?? ''))
    throw new Error('the line lacks dcs, rsa_public_key_pem or a 16-hex-digit rsa_fingerprint');
} catch (e) {
  fatal(`cannot read the server's ready line: ${e.message}`);
}

if (!finished) await main().catch(e => fatal(`unexpected error: ${e?.stack ?? e}`, 1));

// ---- GramJS set-up --------------------------------------------------------------------------

async function main() {
  if (!existsSync(new URL('./node_modules/telegram/package.json', import.meta.url)))
    return fatal('tools/compat/node_modules is missing: run `npm ci --prefix tools/compat`');

  if (adoptSchema) {
    try { adoptLayer(adoptSchema); } catch (e) { return fatal(`--adopt-layer ${adoptSchema}: ${e.message}`); }
  }
  const bigInt = require('big-integer');
  const { TelegramClient, Api, Logger } = require('telegram');
  const { StringSession } = require('telegram/sessions');
  const { ConnectionTCPFull, ConnectionTCPAbridged, ConnectionTCPObfuscated } = require('telegram/network');
  const { NewMessage } = require('telegram/events');
  const { LogLevel } = require('telegram/extensions/Logger');
  const RSA = require('telegram/crypto/RSA');

  // The server's RSA key. GramJS looks keys up in RSA._serverKeys by the signed 64-bit fingerprint
  // (as a decimal string) that resPQ lists; the values are { n: bigInt, e: number }.
  const jwk = createPublicKey({ key: ready.rsa_public_key_pem, format: 'pem', type: 'pkcs1' }).export({ format: 'jwk' });
  const nBytes = Buffer.from(jwk.n, 'base64url');
  const eBytes = Buffer.from(jwk.e, 'base64url');
  // The MTProto fingerprint: the low 64 bits of SHA1(TL bytes n ++ TL bytes e), read little-endian.
  const tlBytes = b => {
    const head = b.length < 254 ? Buffer.from([b.length]) : Buffer.from([254, b.length & 255, (b.length >> 8) & 255, (b.length >> 16) & 255]);
    const body = Buffer.concat([head, b]);
    return Buffer.concat([body, Buffer.alloc((4 - (body.length % 4)) % 4)]);
  };
  const computed = createHash('sha1').update(Buffer.concat([tlBytes(nBytes), tlBytes(eBytes)])).digest().subarray(12, 20).readBigUInt64LE();
  const announced = BigInt('0x' + ready.rsa_fingerprint);
  if (computed !== announced)
    return fatal(`rsa_fingerprint ${ready.rsa_fingerprint} is not the fingerprint of rsa_public_key_pem (${computed.toString(16).padStart(16, '0')})`);
  RSA._serverKeys.set(BigInt.asIntN(64, announced).toString(), {
    n: bigInt(nBytes.toString('hex'), 16),
    e: Number(BigInt('0x' + eBytes.toString('hex'))),
  });

  const dcs = new Map(ready.dcs.map(d => [d.id, d]));
  const home = dcs.get(2) ?? ready.dcs[0];

  // GramJS on Node dials port 80 for the main connection and 443 for every other DC, whatever the
  // session or help.getConfig say, so the connection classes take the port of the DC they are for.
  const atOurPorts = Base => class extends Base {
    constructor(options) {
      const dc = dcs.get(options.dcId);
      super({ ...options, ip: dc?.host ?? options.ip, port: dc?.port ?? options.port });
    }
  };
  const transports = {
    'tcp-full': atOurPorts(ConnectionTCPFull),           // GramJS's default on Node
    'tcp-abridged': atOurPorts(ConnectionTCPAbridged),
    'tcp-obfuscated': atOurPorts(ConnectionTCPObfuscated), // obfuscated abridged (what GramJS uses in browsers)
  };

  // GramJS logs with console.log (standard output); keep standard output for the result line.
  class StderrLogger extends Logger {
    log(level, message) { process.stderr.write(`[gramjs ${level}] ${message}\n`); }
  }

  const clients = [];
  function newClient(transport, dcId = home.id) {
    const session = new StringSession('');
    // The port here only has to fit StringSession's 16-bit signed field; the transport picks the real one.
    session.setDC(dcId, dcs.get(dcId)?.host ?? home.host, 443);
    const client = new TelegramClient(session, 17349, '344583e45741c457fe1862106095a5eb', {
      connection: transports[transport],
      connectionRetries: 1,
      retryDelay: 200,
      autoReconnect: false,
      timeout: 5,
      requestRetries: 3,
      deviceModel: 'gramjs-smoke',
      systemVersion: process.version,
      appVersion: '1.0',
      baseLogger: new StderrLogger(verbose ? LogLevel.DEBUG : LogLevel.NONE),
    });
    clients.push(client);
    return client;
  }

  // ---- steps ---------------------------------------------------------------------------------

  const results = {};
  async function step(name, needs, fn, seconds = 15) {
    const missing = needs.filter(n => results[n] !== true);
    if (finished) return;
    if (missing.length > 0) {
      steps.push({ step: name, status: 'skipped', reason: `needs ${missing.join(', ')}` });
      results[name] = false;
      return;
    }
    const entry = { step: name, status: 'running' };
    steps.push(entry);
    const t0 = Date.now();
    log('start', name);
    let timer;
    try {
      const detail = await Promise.race([
        fn(),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${seconds} s`)), seconds * 1000); }),
      ]);
      entry.status = 'passed';
      if (detail !== undefined) entry.detail = detail;
      results[name] = true;
    } catch (e) {
      entry.status = 'failed';
      entry.error = describe(e);
      results[name] = false;
    } finally {
      clearTimeout(timer);
      entry.ms = Date.now() - t0;
      log(entry.status, name, entry.error ?? '');
    }
  }

  function describe(e) {
    if (!e) return String(e);
    if (e.errorMessage) return `RPC ${e.code ?? ''} ${e.errorMessage}${e.request ? ` (${e.request.className})` : ''}`.trim();
    if (e.invalidConstructorId !== undefined)
      return `GramJS (layer ${gramjsLayer()}) cannot read constructor 0x${(e.invalidConstructorId >>> 0).toString(16).padStart(8, '0')} in the server's answer: ${String(e.message).split('\n')[0]}`;
    return String(e.message ?? e).replace(/\s+/g, ' ').trim();
  }

  // client.start() calls onError on every failure and retries the prompt unless onError returns
  // true; keep the first error, stop at once, and report it instead of GramJS's AUTH_USER_CANCEL.
  async function login(client, params) {
    let first;
    try {
      await client.start({
        ...params,
        onError: async e => { first ??= e; return true; },
      });
    } catch (e) {
      throw first ?? e;
    }
    if (first) throw first;
    const authorized = await client.checkAuthorization();
    if (!authorized) throw new Error('client.start returned but checkAuthorization says not authorized');
  }

  const fresh = dc => {
    for (;;) {
      const tail = String(Math.floor(Math.random() * 10000)).padStart(4, '0');
      if (!/^(\d)\1{3}$/.test(tail)) return `99966${dc}${tail}`; // keep clear of the seeded 1111, 2222, 3333
    }
  };
  const code = phone => phone[5].repeat(5);
  const checkMe = (me, expect) => {
    if (!(me instanceof Api.User)) throw new Error(`getMe answered ${me?.className}`);
    for (const [k, v] of Object.entries(expect))
      if (me[k] !== v) throw new Error(`getMe: ${k} is ${JSON.stringify(me[k])}, expected ${JSON.stringify(v)}`);
    if (!me.self) throw new Error('getMe: the user lacks the self flag');
    return { id: String(me.id), username: me.username ?? null, phone: me.phone ?? null, bot: !!me.bot };
  };

  // 1. New account, default transport: handshake, initConnection + help.getConfig, sign-up.
  const newPhone = fresh(2);
  const a = newClient('tcp-full');
  let connectedAt = Date.now();
  await step('tcp-full:connect', [], async () => { await a.connect(); connectedAt = Date.now(); return { dc: home.id, port: home.port }; });
  await step('tcp-full:sign-up', ['tcp-full:connect'], () => login(a, {
    phoneNumber: newPhone,
    phoneCode: async () => code(newPhone),
    firstAndLastNames: async () => ['Compat', 'Full'],
    password: async () => { throw new Error('a new account should not ask for a password'); },
  }));
  await step('tcp-full:get-me', ['tcp-full:sign-up'], async () => checkMe(await a.getMe(), { phone: newPhone, firstName: 'Compat' }));
  await step('tcp-full:send-to-self', ['tcp-full:sign-up'], async () => {
    const text = `note to self ${Date.now()}`;
    const sent = await a.sendMessage('me', { message: text });
    if (!(sent instanceof Api.Message) || sent.message !== text) throw new Error(`sendMessage answered ${sent?.className}`);
    const [last] = await a.getMessages('me', { limit: 1 });
    if (last?.id !== sent.id || last?.message !== text) throw new Error(`getMessages('me') gave ${last?.id}: ${JSON.stringify(last?.message)}`);
    return { id: sent.id };
  });

  // 2. Alice (seeded), abridged transport: existing account sign-in.
  const alice = newClient('tcp-abridged');
  await step('tcp-abridged:connect', [], async () => { await alice.connect(); });
  await step('tcp-abridged:sign-in', ['tcp-abridged:connect'], () => login(alice, {
    phoneNumber: '9996621111',
    phoneCode: async () => '22222',
    password: async () => { throw new Error('Alice has no password'); },
  }));
  await step('tcp-abridged:get-me', ['tcp-abridged:sign-in'], async () => checkMe(await alice.getMe(), { username: 'alice', phone: '9996621111' }));

  // 3. Bob (seeded, 2FA), obfuscated transport: sign-in with SRP password check.
  const bob = newClient('tcp-obfuscated');
  await step('tcp-obfuscated:connect', [], async () => { await bob.connect(); });
  await step('tcp-obfuscated:sign-in-2fa', ['tcp-obfuscated:connect'], () => login(bob, {
    phoneNumber: '9996622222',
    phoneCode: async () => '22222',
    password: async hint => { if (hint !== 'horse') throw new Error(`password hint is ${JSON.stringify(hint)}`); return 'correct horse'; },
  }));
  await step('tcp-obfuscated:get-me', ['tcp-obfuscated:sign-in-2fa'], async () => checkMe(await bob.getMe(), { username: 'bobby', phone: '9996622222' }));

  // 4. A message from one GramJS client arrives as an update at another.
  await step('message:alice-to-bob', ['tcp-abridged:sign-in', 'tcp-obfuscated:sign-in-2fa'], async () => {
    const text = `hello bob ${Date.now()}`;
    let handler;
    const received = new Promise(resolve => {
      handler = event => { if (event.message?.message === text) resolve(event.message); };
      bob.addEventHandler(handler, new NewMessage({ incoming: true }));
    });
    try {
      await bob.getMe(); // any request after login, as apps do, so the session takes updates
      const sent = await alice.sendMessage('bobby', { message: text });
      if (!(sent instanceof Api.Message) || sent.message !== text) throw new Error(`sendMessage answered ${sent?.className}`);
      const got = await Promise.race([received, new Promise((_, r) => setTimeout(() => r(new Error('Bob\'s client got no NewMessage event within 8 s')), 8000))]);
      const sender = got.senderId?.toString();
      const aliceId = (await alice.getMe()).id.toString();
      if (sender !== aliceId) throw new Error(`the event's sender is ${sender}, expected Alice ${aliceId}`);
      return { id: sent.id, event_id: got.id };
    } finally {
      bob.removeEventHandler(handler, new NewMessage({ incoming: true }));
    }
  });

  // 4b. Bob's client reads the chat history and Alice's client lists her dialogs.
  await step('history:bob-reads-alice', ['message:alice-to-bob'], async () => {
    const [last] = await bob.getMessages('alice', { limit: 1 });
    if (!last?.message?.startsWith('hello bob ')) throw new Error(`the last message with Alice is ${JSON.stringify(last?.message)}`);
    return { id: last.id };
  });
  await step('dialogs:alice', ['tcp-abridged:sign-in'], async () => {
    const dialogs = await alice.getDialogs({ limit: 50 });
    const titles = dialogs.map(d => d.title);
    for (const want of ['Group S', 'Group M', 'Bob'])
      if (!titles.includes(want)) throw new Error(`Alice's dialogs ${JSON.stringify(titles)} lack ${want}`);
    return { titles };
  });

  // 5. A bot logs in by token (auth.importBotAuthorization).
  const bot = newClient('tcp-full');
  await step('bot:connect', [], async () => { await bot.connect(); });
  await step('bot:sign-in', ['bot:connect'], () => login(bot, { botAuthToken: '7000001:AAtestsecret' }));
  await step('bot:get-me', ['bot:sign-in'], async () => checkMe(await bot.getMe(), { bot: true, username: 'echo_bot' }));

  await step('message:alice-to-bot', ['tcp-abridged:sign-in', 'bot:sign-in'], async () => {
    const text = `/start ${Date.now()}`;
    let handler;
    const received = new Promise(resolve => {
      handler = event => { if (event.message?.message === text) resolve(event.message); };
      bot.addEventHandler(handler, new NewMessage({ incoming: true }));
    });
    try {
      await bot.getMe();
      const sent = await alice.sendMessage('echo_bot', { message: text });
      const got = await Promise.race([received, new Promise((_, r) => setTimeout(() => r(new Error('the bot\'s client got no NewMessage event within 8 s')), 8000))]);
      return { id: sent.id, event_id: got.id };
    } finally {
      bot.removeEventHandler(handler, new NewMessage({ incoming: true }));
    }
  });

  // 6. A phone of another DC: the server answers PHONE_MIGRATE_3 and GramJS moves there.
  const dc3 = dcs.has(3) ? newClient('tcp-full') : null;
  if (dc3) {
    const phone3 = fresh(3);
    await step('migrate:connect', [], async () => { await dc3.connect(); });
    await step('migrate:sign-up-on-dc3', ['migrate:connect'], async () => {
      await login(dc3, { phoneNumber: phone3, phoneCode: async () => code(phone3), firstAndLastNames: async () => ['Compat', 'Three'] });
      if (dc3.session.dcId !== 3) throw new Error(`the session is on DC ${dc3.session.dcId} after signing in ${phone3}`);
      return { dc: dc3.session.dcId };
    });
    await step('migrate:get-me', ['migrate:sign-up-on-dc3'], async () => checkMe(await dc3.getMe(), { phone: phone3 }));
  }

  // 7. Service calls apps make: ping, ping_delay_disconnect; and GramJS's own keep-alive loop
  //    (a ping_delay_disconnect every 9 s) keeps the first connection usable.
  await step('ping', ['tcp-full:connect'], async () => {
    const pong = await a.invoke(new Api.Ping({ pingId: bigInt(0x1234567) }));
    if (!(pong instanceof Api.Pong) || !pong.pingId.equals(0x1234567)) throw new Error(`ping answered ${pong?.className}`);
    const pong2 = await a.invoke(new Api.PingDelayDisconnect({ pingId: bigInt(0x7654321), disconnectDelay: 75 }));
    if (!(pong2 instanceof Api.Pong) || !pong2.pingId.equals(0x7654321)) throw new Error(`ping_delay_disconnect answered ${pong2?.className}`);
  });
  await step('keep-alive', ['tcp-full:sign-up'], async () => {
    const wait = Math.max(0, connectedAt + 10_500 - Date.now());
    await new Promise(r => setTimeout(r, wait));
    if (!a.connected) throw new Error('the first client lost its connection while idle');
    checkMe(await a.getMe(), { phone: newPhone });
    return { idle_ms: wait };
  }, 20);

  await Promise.race([
    Promise.allSettled(clients.map(c => c.destroy())),
    new Promise(r => setTimeout(r, 2000)),
  ]);
  clearTimeout(overall);
  report();
}

// Writes mtcute's JSON schema as the TL text GramJS parses, and puts it in the module cache in place
// of GramJS's own telegram/tl/apiTl.js before GramJS loads; then sets the layer GramJS announces.
function adoptLayer(path) {
  const schema = JSON.parse(readFileSync(path, 'utf8'));
  if (!Number.isInteger(schema.l) || !Array.isArray(schema.e)) throw new Error('not an mtcute TL schema ({"l":layer,"e":[…]})');
  const type = (t, modifiers) => {
    const base = t === 'int53' ? 'long' : t;
    return modifiers?.isVector ? `Vector<${base}>` : base;
  };
  const line = e => {
    const generics = (e.generics ?? []).map(g => `{${g.name}:${g.type}}`);
    const fields = e.arguments.map(a => {
      const t = type(a.type, a.typeModifiers);
      return `${a.name}:${a.typeModifiers?.predicate ? `${a.typeModifiers.predicate}?` : ''}${t}`;
    });
    return [`${e.name}#${(e.id >>> 0).toString(16)}`, ...generics, ...fields, '=', `${type(e.type, e.typeModifiers)};`].join(' ');
  };
  const core = [
    'boolFalse#bc799737 = Bool;', 'boolTrue#997275b5 = Bool;', 'true#3fedd339 = True;',
    'vector#1cb5c415 {t:Type} # [ t ] = Vector t;', 'error#c4b9f9bb code:int text:string = Error;', 'null#56730bcc = Null;',
  ];
  const coreNames = new Set(['boolFalse', 'boolTrue', 'true', 'vector', 'error', 'null']);
  const text = [
    ...core,
    ...schema.e.filter(e => e.kind === 'class' && !coreNames.has(e.name)).map(line),
    '---functions---',
    ...schema.e.filter(e => e.kind === 'method').map(line),
  ].join('\n') + '\n';
  const Module = require('node:module');
  const file = require.resolve('telegram/tl/apiTl.js');
  if (require.cache[require.resolve('telegram/tl/api.js')]) throw new Error('GramJS is already loaded');
  const m = new Module(file);
  m.filename = file;
  m.loaded = true;
  m.exports = text;
  require.cache[file] = m;
  require('telegram/tl/AllTLObjects').LAYER = schema.l;
  mode = `adopted-layer-${schema.l}`;
}

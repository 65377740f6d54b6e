// The embedded database's own thread: one PGlite instance, driven by messages from the server's
// thread (src/platform/db/pgliteThread.ts). Statements run one after another in the order they arrive;
// the server's thread decides what may be sent when (a transaction's statements go together).
// Plain JavaScript so it runs unchanged from the sources, the bundle and the tests.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const { dataDir, options, statsFile } = workerData;
const db = dataDir ? new PGlite(dataDir, options) : new PGlite(options);
const identity = (value) => value;

/** Error fields that survive the trip between threads (PostgreSQL's code, detail, constraint...). */
function plainError(err) {
  const out = { name: err?.name ?? 'Error', message: String(err?.message ?? err), stack: err?.stack };
  if (err && typeof err === 'object') {
    for (const [k, v] of Object.entries(err)) {
      if (v === undefined || v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Prepared statements. PGlite's query() parses, plans and describes every statement anew, in
// six calls into the engine; on an engine compiled to WebAssembly that is most of a short
// statement's cost. A statement with parameters is prepared once under a name (parse and
// describe), and each later call is one bind, execute and sync in a single call into the engine,
// reusing the parse tree and, where PostgreSQL chooses to, the plan. PostgreSQL re-plans a
// prepared statement by itself when the tables it reads change.

/** Prepared statements kept, least recently used dropped first. */
const MAX_PREPARED = 1000;
const statements = new Map(); // sql -> { name, paramTypes, fields }
let statementSeq = 0;
const encoder = new TextEncoder();

class Writer {
  constructor() {
    this.buf = new Uint8Array(1024);
    this.len = 0;
  }
  ensure(n) {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b) {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  int16(v) {
    this.ensure(2);
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
  }
  int32(v) {
    this.ensure(4);
    this.buf[this.len++] = (v >>> 24) & 0xff;
    this.buf[this.len++] = (v >>> 16) & 0xff;
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
  }
  bytes(b) {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  cstring(s) {
    this.bytes(encoder.encode(s));
    this.byte(0);
  }
  /** Starts a message of `type`; returns the offset its length goes at. */
  begin(type) {
    this.byte(type.charCodeAt(0));
    const at = this.len;
    this.int32(0);
    return at;
  }
  end(at) {
    const n = this.len - at;
    this.buf[at] = (n >>> 24) & 0xff;
    this.buf[at + 1] = (n >>> 16) & 0xff;
    this.buf[at + 2] = (n >>> 8) & 0xff;
    this.buf[at + 3] = n & 0xff;
  }
  sync() {
    this.end(this.begin('S'));
  }
  done() {
    return this.buf.subarray(0, this.len);
  }
}

async function prepare(sql) {
  const name = `herald_${++statementSeq}`;
  const w = new Writer();
  let at = w.begin('P');
  w.cstring(name);
  w.cstring(sql);
  w.int16(0);
  w.end(at);
  at = w.begin('D');
  w.byte('S'.charCodeAt(0));
  w.cstring(name);
  w.end(at);
  w.sync();
  const { messages } = await db.execProtocol(w.done());
  const params = messages.find((x) => x.name === 'parameterDescription');
  const rows = messages.find((x) => x.name === 'rowDescription');
  const statement = {
    name,
    paramTypes: params?.dataTypeIDs ?? [],
    fields: rows?.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })) ?? [],
    parsers: new Map(),
  };
  statements.set(sql, statement);
  if (statements.size > MAX_PREPARED) {
    const [oldestSql, oldest] = statements.entries().next().value;
    await forget(oldestSql, oldest);
  }
  return statement;
}

/** Drops a prepared statement (it is prepared again when next used). */
async function forget(sql, statement) {
  if (statements.get(sql) === statement) statements.delete(sql);
  const w = new Writer();
  const at = w.begin('C');
  w.byte('S'.charCodeAt(0));
  w.cstring(statement.name);
  w.end(at);
  w.sync();
  await db.execProtocol(w.done(), { throwOnError: false });
}

/** The value parser of each result column, for one set of types kept as text. */
function columnParsers(statement, raw) {
  const key = raw ? raw.join(',') : '';
  let list = statement.parsers.get(key);
  if (!list) {
    const keep = new Set(raw ?? []);
    list = statement.fields.map((f) => (keep.has(f.dataTypeID) ? identity : (db.parsers[f.dataTypeID] ?? identity)));
    statement.parsers.set(key, list);
  }
  return list;
}

async function prepared(m) {
  let statement = statements.get(m.sql);
  if (statement) {
    // Most recently used last.
    statements.delete(m.sql);
    statements.set(m.sql, statement);
  } else statement = await prepare(m.sql);
  const w = new Writer();
  const at = w.begin('B');
  w.byte(0); // unnamed portal
  w.cstring(statement.name);
  w.int16(0); // parameters in text
  w.int16(m.params.length);
  for (let i = 0; i < m.params.length; i++) {
    const v = m.params[i];
    if (v === null || v === undefined) {
      w.int32(-1);
      continue;
    }
    const serialize = db.serializers[statement.paramTypes[i]];
    const bytes = encoder.encode(serialize ? serialize(v) : v.toString());
    w.int32(bytes.length);
    w.bytes(bytes);
  }
  w.int16(0); // results in text
  w.end(at);
  const eat = w.begin('E');
  w.byte(0);
  w.int32(0);
  w.end(eat);
  w.sync();
  let messages;
  try {
    ({ messages } = await db.execProtocol(w.done()));
  } catch (err) {
    // The tables under a statement changed shape: prepare it again next time.
    if (err?.code === '0A000') await forget(m.sql, statement);
    throw err;
  }
  const parsers = columnParsers(statement, m.raw);
  const fields = statement.fields;
  const rows = [];
  let affectedRows = 0;
  for (const msg of messages) {
    if (msg.name === 'dataRow') {
      const values = msg.fields;
      if (m.rowMode === 'array') rows.push(values.map((v, i) => (v === null ? null : parsers[i](v, fields[i].dataTypeID))));
      else {
        const row = {};
        for (let i = 0; i < values.length; i++) row[fields[i].name] = values[i] === null ? null : parsers[i](values[i], fields[i].dataTypeID);
        rows.push(row);
      }
    } else if (msg.name === 'commandComplete') {
      const parts = msg.text.split(' ');
      if (['INSERT', 'UPDATE', 'DELETE', 'COPY', 'MERGE'].includes(parts[0])) affectedRows += parseInt(parts[parts.length - 1], 10);
    }
  }
  return { rows, fields, affectedRows };
}

// HERALD_PGLITE_STATS=<file> (statsFile): time spent per statement text, written to <file> as
// JSON when the database closes (most expensive first), to see where the embedded database's time goes.
const STATS_FILE = statsFile;
const stats = new Map();

async function run(m) {
  if (!STATS_FILE || m.op === 'close') return execute(m);
  const started = performance.now();
  try {
    return await execute(m);
  } finally {
    const key = (m.sql ?? m.op).replace(/\s+/g, ' ').slice(0, 300);
    const s = stats.get(key) ?? { calls: 0, ms: 0 };
    s.calls++;
    s.ms += performance.now() - started;
    stats.set(key, s);
  }
}

async function execute(m) {
  switch (m.op) {
    case 'query': {
      if (m.params?.length) return prepared(m);
      // Types whose text the caller wants as it is (drizzle passes identity parsers for dates).
      const parsers = m.raw ? Object.fromEntries(m.raw.map((oid) => [oid, identity])) : undefined;
      const r = await db.query(m.sql, m.params, { rowMode: m.rowMode, parsers });
      return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
    }
    case 'exec': {
      const results = await db.exec(m.sql);
      return results.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows }));
    }
    case 'commit': {
      // As PGlite's own transaction(): a COMMIT answered with ROLLBACK (the transaction had
      // failed and the failure was caught) is an error, not a silent loss.
      const [r] = await db.exec('COMMIT');
      if (r?.command === 'ROLLBACK') {
        const err = new Error('current transaction is aborted, commands ignored until end of transaction block');
        err.code = '25P02';
        throw err;
      }
      return null;
    }
    case 'close':
      if (STATS_FILE) {
        const { writeFileSync } = await import('node:fs');
        const list = [...stats].map(([sql, s]) => ({ sql, ...s })).sort((a, b) => b.ms - a.ms);
        writeFileSync(STATS_FILE, JSON.stringify(list, null, 1));
      }
      await db.close();
      return null;
    default:
      throw new Error(`unknown operation ${m.op}`);
  }
}

let chain = db.waitReady.then(
  () => parentPort.postMessage({ ready: true }),
  (err) => parentPort.postMessage({ ready: false, error: plainError(err) }),
);

parentPort.on('message', (m) => {
  chain = chain.then(() =>
    run(m).then(
      (result) => parentPort.postMessage({ id: m.id, result }),
      (err) => parentPort.postMessage({ id: m.id, error: plainError(err) }),
    ),
  );
});

// The lean driver: `concurrency` keep-alive HTTP/1.1 connections on plain sockets, one request at a
// time each, parsed no further than status, length and body. It exists because the load generator
// shares the machine's CPUs with the product and the database, so its CPU is taken from what is
// measured: this driver's thread uses about half of autocannon's per request (0.09 against 0.16 ms
// in alternating steps on a 2-CPU VM). When the step's time is up no new request is sent; those in
// flight are answered before the step ends.
import net from 'node:net';
import type { LoadJob, LoadOutcome } from './load.ts';
import { LoadRecorder } from './load.record.ts';

const HEADER_END = Buffer.from('\r\n\r\n');

interface Counts {
  non2xx: number;
  errors: number;
  timeouts: number;
}

export function driveSockets(job: LoadJob): Promise<LoadOutcome> {
  const url = new URL(job.url);
  const recorder = new LoadRecorder(job);
  const endAt = performance.now() + job.durationSec * 1000;
  const counts: Counts = { non2xx: 0, errors: 0, timeouts: 0 };
  return new Promise((resolve) => {
    let open = job.concurrency;
    const connections: Connection[] = [];
    // One sweep for request timeouts instead of a timer per request.
    const sweep = setInterval(() => {
      const now = performance.now();
      for (const connection of connections) connection.expireIfOlderThan(now - job.timeoutSec * 1000);
    }, 250);
    const done = () => {
      open -= 1;
      if (open > 0) return;
      clearInterval(sweep);
      resolve(recorder.outcome(recorder.activeSeconds(), counts));
    };
    const host = `${url.hostname}:${url.port}`;
    for (let i = 0; i < job.concurrency; i++) {
      connections.push(new Connection(url.hostname, Number(url.port), host, recorder, counts, endAt, done));
    }
  });
}

class Connection {
  private socket!: net.Socket;
  private item: number | undefined;
  private sentAt = 0;
  private buffer: Buffer = Buffer.alloc(0);
  private finished = false;

  constructor(
    private readonly hostname: string,
    private readonly port: number,
    private readonly hostHeader: string,
    private readonly recorder: LoadRecorder,
    private readonly counts: Counts,
    private readonly endAt: number,
    private readonly onFinished: () => void,
  ) {
    this.connect();
  }

  expireIfOlderThan(limit: number): void {
    if (this.item === undefined || this.sentAt >= limit) return;
    this.counts.timeouts += 1;
    this.counts.errors += 1;
    this.item = undefined;
    this.socket.destroy();
  }

  private connect(): void {
    this.buffer = Buffer.alloc(0);
    const socket = net.connect(this.port, this.hostname);
    this.socket = socket;
    socket.setNoDelay(true);
    socket.on('connect', () => this.send());
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => {
      if (this.item !== undefined) this.counts.errors += 1;
      this.item = undefined;
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      if (this.item !== undefined) this.counts.errors += 1;
      this.item = undefined;
      if (performance.now() < this.endAt && !this.recorder.exhausted) this.connect();
      else this.finish();
    });
  }

  private send(): void {
    const index = performance.now() < this.endAt ? this.recorder.take() : undefined;
    if (index === undefined) return this.finish();
    const { headers, body } = this.recorder.request(index);
    let head = `POST /api/v1/cases HTTP/1.1\r\nhost: ${this.hostHeader}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
    this.item = index;
    this.sentAt = performance.now();
    this.socket.write(`${head}\r\n${body}`);
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const response = parseResponse(this.buffer);
    if (!response) return;
    const index = this.item;
    this.item = undefined;
    this.buffer = Buffer.alloc(0);
    if (index === undefined) return;
    this.recorder.latency(performance.now() - this.sentAt);
    if (response.status < 200 || response.status >= 300) this.counts.non2xx += 1;
    this.recorder.answer(index, response.status, () => response.body.toString('utf8'));
    if (response.close) this.socket.end();
    else this.send();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.socket.end();
    this.onFinished();
  }
}

interface Response {
  status: number;
  body: Buffer;
  close: boolean;
}

/** A complete HTTP/1.1 response at the start of `data`, or null while more bytes are needed. */
export function parseResponse(data: Buffer): Response | null {
  const headerEnd = data.indexOf(HEADER_END);
  if (headerEnd < 0) return null;
  const head = data.toString('latin1', 0, headerEnd);
  const status = Number(head.slice(9, 12));
  const lines = head.split('\r\n');
  let length: number | null = null;
  let chunked = false;
  let close = false;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim().toLowerCase();
    if (name === 'content-length') length = Number(value);
    else if (name === 'transfer-encoding') chunked = value.includes('chunked');
    else if (name === 'connection') close = value === 'close';
  }
  const bodyStart = headerEnd + HEADER_END.length;
  if (chunked) {
    const body = dechunk(data, bodyStart);
    return body ? { status, body, close } : null;
  }
  const bodyLength = length ?? 0;
  if (data.length < bodyStart + bodyLength) return null;
  return { status, body: data.subarray(bodyStart, bodyStart + bodyLength), close };
}

/** The body of a chunked message starting at `at`, or null while incomplete (trailers are not expected). */
function dechunk(data: Buffer, at: number): Buffer | null {
  const parts: Buffer[] = [];
  let position = at;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', position, 'latin1');
    if (lineEnd < 0) return null;
    const size = Number.parseInt(data.toString('latin1', position, lineEnd), 16);
    if (size === 0) return data.length >= lineEnd + 4 ? Buffer.concat(parts) : null;
    const start = lineEnd + 2;
    if (data.length < start + size + 2) return null;
    parts.push(data.subarray(start, start + size));
    position = start + size + 2;
  }
}

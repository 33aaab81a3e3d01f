/**
 * A minimal LSP client for tests: spawns the real server (`treaty-lens lsp`) and speaks
 * JSON-RPC with Content-Length framing over its stdio. No stand-ins: the same process a
 * user's editor starts.
 */
import { spawn } from 'child_process';
import type { ChildProcessWithoutNullStreams } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as url from 'url';

export const REPO = path.resolve(__dirname, '..', '..', '..');
export const CORPUS = path.join(REPO, 'corpus');

export function fileUri(file: string): string {
  return url.pathToFileURL(file).toString();
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  method: string;
}

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners: Array<(method: string, params: any) => void> = [];
  readonly notifications: Array<{ method: string; params: any }> = [];
  stderr = '';

  /** Starts the server from the TypeScript sources (so tests need no build step). */
  constructor(args: string[] = []) {
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO, 'server/src/cli.ts'), 'lsp', ...args], {
      cwd: REPO,
      stdio: 'pipe',
    });
    this.child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.child.on('exit', (code) => {
      for (const p of this.pending.values()) p.reject(new Error(`server exited (${code}) before answering ${p.method}\n${this.stderr}`));
      this.pending.clear();
    });
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const length = Number(/Content-Length: (\d+)/i.exec(header)?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body));
    }
  }

  private dispatch(message: any): void {
    if (message.id !== undefined && message.method === undefined) {
      const p = this.pending.get(message.id);
      if (!p) return;
      this.pending.delete(message.id);
      if (message.error) p.reject(new Error(`${p.method}: ${message.error.message}`));
      else p.resolve(message.result);
    } else if (message.method !== undefined && message.id !== undefined) {
      // Requests from the server (configuration, registerCapability, showMessageRequest): answer null.
      this.send({ jsonrpc: '2.0', id: message.id, result: null });
      this.notifications.push({ method: message.method, params: message.params });
      for (const l of this.listeners) l(message.method, message.params);
    } else if (message.method !== undefined) {
      this.notifications.push({ method: message.method, params: message.params });
      for (const l of this.listeners) l(message.method, message.params);
    }
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  request<T = any>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, method });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** Waits for a notification matching a predicate (already received ones count). */
  waitFor(method: string, predicate: (params: any) => boolean = () => true, timeoutMs = 15000): Promise<any> {
    const seen = this.notifications.find((n) => n.method === method && predicate(n.params));
    if (seen) return Promise.resolve(seen.params);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms\n${this.stderr}`)), timeoutMs);
      this.listeners.push((m, params) => {
        if (m === method && predicate(params)) {
          clearTimeout(timer);
          resolve(params);
        }
      });
    });
  }

  /** initialize + initialized with a workspace folder; resolves with the server's capabilities. */
  async initialize(rootFolder: string = REPO): Promise<any> {
    const result = await this.request('initialize', {
      processId: process.pid,
      rootUri: fileUri(rootFolder),
      workspaceFolders: [{ uri: fileUri(rootFolder), name: path.basename(rootFolder) }],
      capabilities: {
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          publishDiagnostics: {},
        },
        workspace: { workspaceFolders: true, configuration: true },
      },
    });
    this.notify('initialized', {});
    return result;
  }

  open(file: string, text = fs.readFileSync(file, 'utf8'), languageId = 'treaty'): string {
    const uri = fileUri(file);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  async shutdown(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    try {
      await this.request('shutdown', null);
      this.notify('exit', null);
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }
}

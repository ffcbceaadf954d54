import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-jsonrpc/node.js';
import { ROOT } from './helpers.js';

/**
 * A minimal LSP client for yaml-language-server (what the VS Code YAML
 * extension, Neovim, Helix, Zed… run), for the editor tests.
 *
 * How the server takes its settings: it ignores the payload of
 * `workspace/didChangeConfiguration` and pulls the `yaml`, `http`, `[yaml]`
 * and `editor` sections with `workspace/configuration` (on `initialized` and
 * on every didChangeConfiguration), then asks for `[yaml]` again per document
 * before validating it. `yaml.schemas` maps a schema URI to file globs (each
 * glob is prefixed with `**\/`; `!` negates). `yaml.schemaStore.enable` is on
 * by default and downloads the SchemaStore catalogue, so callers turn it off:
 * tests never touch the network. Every warning it finds it publishes as an error.
 */

export interface LspPosition {
  line: number;
  character: number;
}

export interface LspDiagnostic {
  range: { start: LspPosition; end: LspPosition };
  /** 1 error, 2 warning, 3 information, 4 hint. */
  severity?: number;
  message: string;
}

export interface LspHover {
  contents: { kind: string; value: string } | string | { language: string; value: string }[];
}

export interface LspCompletionItem {
  label: string;
  documentation?: string | { kind: string; value: string };
}

const SERVER = join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
const WAIT_MS = 20_000;

function withTimeout<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export class EditorSession {
  private readonly published = new Map<string, LspDiagnostic[]>();
  private readonly waiting = new Map<string, (diagnostics: LspDiagnostic[]) => void>();
  private yamlPulls = 0;
  private onPull: (() => void) | undefined;
  private stderr = '';

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly connection: MessageConnection,
    private readonly yamlSettings: Record<string, unknown>,
  ) {}

  /** Starts the server on a workspace folder (default: this repository). */
  static async start(yamlSettings: Record<string, unknown>, root = ROOT): Promise<EditorSession> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const session = new EditorSession(child, connection, yamlSettings);
    child.stderr.on('data', (chunk: Buffer) => {
      session.stderr += chunk.toString();
    });
    session.listen();
    await withTimeout(
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(root).href,
        workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'workspace' }],
        capabilities: {
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
          textDocument: {
            publishDiagnostics: {},
            hover: { contentFormat: ['markdown', 'plaintext'] },
            completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          },
        },
      }),
      'initialize',
    );
    // `initialized` makes the server pull its settings; didChangeConfiguration makes it pull them again.
    const pulled = session.pulls(2);
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: { yaml: yamlSettings } });
    await withTimeout(pulled, 'the server to pull its settings twice');
    return session;
  }

  private listen(): void {
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => {
        if (item.section === 'yaml') {
          this.yamlPulls += 1;
          queueMicrotask(() => this.onPull?.());
          return this.yamlSettings;
        }
        return item.section === 'http' ? { proxy: '', proxyStrictSSL: false } : {};
      }),
    );
    // Anything else the server asks (capability registration, work-done progress) is simply acknowledged.
    this.connection.onRequest(() => null);
    this.connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: LspDiagnostic[] }) => {
      this.published.set(params.uri, params.diagnostics);
      this.waiting.get(params.uri)?.(params.diagnostics);
    });
    this.connection.onNotification(() => undefined); // log messages, telemetry
    this.connection.listen();
  }

  private pulls(count: number): Promise<void> {
    return new Promise((resolve) => {
      this.onPull = () => {
        if (this.yamlPulls >= count) resolve();
      };
    });
  }

  /** Opens a document and resolves with the first diagnostics published for it. */
  open(uri: string, text: string): Promise<LspDiagnostic[]> {
    const diagnostics = new Promise<LspDiagnostic[]>((resolve) => {
      this.waiting.set(uri, (published) => {
        this.waiting.delete(uri);
        resolve(published);
      });
    });
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return withTimeout(diagnostics, `diagnostics for ${uri}`);
  }

  hover(uri: string, position: LspPosition): Promise<LspHover | null> {
    return withTimeout(this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }), 'hover');
  }

  async completion(uri: string, position: LspPosition): Promise<LspCompletionItem[]> {
    const result = await withTimeout(
      this.connection.sendRequest<{ items: LspCompletionItem[] } | LspCompletionItem[] | null>('textDocument/completion', {
        textDocument: { uri },
        position,
      }),
      'completion',
    );
    return Array.isArray(result) ? result : (result?.items ?? []);
  }

  /** `shutdown`, then `exit`; the process must end by itself. */
  async stop(): Promise<void> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.child.exitCode !== null) resolve(this.child.exitCode);
      else this.child.once('exit', (code) => resolve(code));
    });
    try {
      await withTimeout(this.connection.sendRequest('shutdown'), 'shutdown', 5_000);
      await this.connection.sendNotification('exit');
      const code = await withTimeout(exited, 'the server to exit', 5_000);
      assert.equal(code, 0, `yaml-language-server exited with ${code}:\n${this.stderr}`);
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) this.child.kill();
    }
  }
}

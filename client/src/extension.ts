/**
 * The VS Code side of Treaty Lens: starts the language server and wires editor commands to it.
 * Analysis lives in the server; this file only connects the two.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import type { LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { registerAnnotations } from './annotations';
import { registerPairing } from './pairing';
import { registerTermsClient } from './terms';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'treaty' }],
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/corpus/**/*.txt'),
        vscode.workspace.createFileSystemWatcher('**/*.treaty.txt'),
      ],
    },
  };
  registerPairing(context, clientOptions, () => client);
  client = new LanguageClient('treatyLens', 'Treaty Lens', serverOptions, clientOptions);
  context.subscriptions.push(client);
  registerAnnotations(context, client);
  await client.start();
  registerTermsClient(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

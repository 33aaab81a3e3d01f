/** Entry point of the server bundle: the transport (stdio, IPC or socket) comes from the command line. */
import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));

/**
 * The e2e test host's HTTP server: the built renderer as static files, and the contract at
 * POST /api/<name>, answered by the same dispatch Electron's main uses, in the wire codec.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { ApiDispatcher } from '../../../src/main/core/api/handlers.ts';
import type { ApiName } from '../../../src/shared/contract/api.ts';
import { decodeWire, encodeWire } from '../../../src/shared/contract/wire-codec.ts';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/electron/content-security-policy.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Request bodies above this are refused: the largest call (import.start with 10,000 paths) is far smaller. */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(body);
}

async function answerApi(dispatcher: ApiDispatcher, name: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  let args: unknown;
  try {
    const body = await readBody(request);
    args = body ? decodeWire(body) : {};
  } catch (error) {
    const reply = { ok: false, error: { code: 'invalid-argument', message: `${name}: ${(error as Error).message}` } };
    send(response, 400, 'application/json', JSON.stringify(reply));
    return;
  }
  // dispatch refuses unknown names itself, as data.
  const reply = await dispatcher.dispatch(name as ApiName, args);
  send(response, 200, 'application/json', encodeWire(reply));
}

async function serveStatic(staticDir: string, urlPath: string, response: ServerResponse): Promise<void> {
  const relative = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  const path = resolve(join(staticDir, relative));
  if (path !== staticDir && !path.startsWith(staticDir + sep)) {
    send(response, 403, 'text/plain', 'forbidden');
    return;
  }
  try {
    if (!(await stat(path)).isFile()) throw new Error('not a file');
    send(response, 200, CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', await readFile(path));
  } catch {
    send(response, 404, 'text/plain', 'not found');
  }
}

export function createHostServer(dispatcher: ApiDispatcher, staticDir: string): Server {
  const root = resolve(staticDir);
  return createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const handle =
      request.method === 'POST' && url.pathname.startsWith('/api/')
        ? answerApi(dispatcher, url.pathname.slice('/api/'.length), request, response)
        : request.method === 'GET'
          ? serveStatic(root, url.pathname, response)
          : Promise.resolve(send(response, 405, 'text/plain', 'method not allowed'));
    handle.catch((error: Error) => {
      if (!response.headersSent) send(response, 500, 'text/plain', error.message);
      else response.destroy();
    });
  });
}

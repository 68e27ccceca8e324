/** A tiny static server whose root can be swapped mid-test (old build → new build). */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
};

export interface SwappableServer {
  root: string;
  close(): Promise<void>;
}

export async function startStaticServer(root: string, port: number): Promise<SwappableServer> {
  const state = { root };
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '');
    const file = join(state.root, path.endsWith('/') ? 'index.html' : path);
    readFile(file)
      .catch(() => readFile(join(state.root, 'index.html')))
      .then((body) => {
        const type = TYPES[extname(file)] ?? 'text/html; charset=utf-8';
        res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-cache' });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(404);
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    get root() {
      return state.root;
    },
    set root(next: string) {
      state.root = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

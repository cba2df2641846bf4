import { connect, type Socket } from 'node:net';
import type { Server } from 'node:http';
import { call, start, type Running } from './support.js';

/**
 * Slow clients were held 150 s or more (headers or body trickled a byte at a time). Now the server
 * gives HEADERS_TIMEOUT_MS for the headers and REQUEST_TIMEOUT_MS for the whole request, then
 * answers 408 and closes the connection. (Short settings here; the defaults are 10 s and 30 s.)
 */
interface Outcome {
  answer: string;
  trickled: number;
}

/** Opens a connection, writes `head`, then one more byte every `everyMs` until the server closes it. */
function trickle(url: string, head: string, byte: string, everyMs: number): Promise<Outcome> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    let answer = '';
    let trickled = 0;
    let timer: NodeJS.Timeout | undefined;
    const socket: Socket = connect(Number(port), hostname, () => {
      socket.write(head);
      timer = setInterval(() => {
        if (!socket.destroyed && socket.writable) {
          socket.write(byte);
          trickled++;
        }
      }, everyMs);
    });
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('error', () => {
      // a reset after the 408 is a close too
    });
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ answer, trickled });
    });
  });
}

describe('slow clients', () => {
  let running: Running;
  beforeAll(async () => {
    running = await start({ HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000', KEEP_ALIVE_TIMEOUT_MS: '1000' });
  });
  afterAll(() => running?.close());

  it('sets the server timeouts from the configuration', () => {
    const server = running.app.getHttpServer() as Server & { connectionsCheckingInterval: number };
    expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout]).toEqual([1000, 2000, 1000]);
    expect(server.connectionsCheckingInterval).toBeLessThanOrEqual(1000);
  });

  it('headers trickled a byte at a time: 408, connection closed', async () => {
    const outcome = await trickle(running.url, 'GET /api/frameworks HTTP/1.1\r\nHost: x\r\n', 'X', 100);
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 408 /);
  }, 20_000);

  it('a body trickled a byte at a time: 408, connection closed, nothing appended', async () => {
    const before = (await call(`${running.url}/api/frameworks/cccs13/history`)).body.events.length;
    const outcome = await trickle(
      running.url,
      'POST /api/frameworks/cccs13/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"type":"',
      'a',
      100,
    );
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 408 /);
    expect((await call(`${running.url}/api/frameworks/cccs13/history`)).body.events.length).toBe(before);
  }, 20_000);

  it('an idle kept-alive connection is closed', async () => {
    const outcome = await trickle(running.url, 'GET /health HTTP/1.1\r\nHost: x\r\n\r\n', '', 60_000);
    expect(outcome.answer).toMatch(/^HTTP\/1\.1 200 /);
  }, 20_000);

  it('the defaults cut a slow client off in seconds, not minutes', async () => {
    const defaults = await start();
    try {
      const server = defaults.app.getHttpServer() as Server;
      expect([server.headersTimeout, server.requestTimeout, server.keepAliveTimeout]).toEqual([10_000, 30_000, 5_000]);
    } finally {
      await defaults.close();
    }
  });
});

/**
 * Graceful stop. Node's server.close() reaps connections whose request has been read, even when the
 * handler is still answering (a 100,000-recipient check), so closing at once truncates answers. Instead:
 * refuse new requests (503, Connection: close), wait for the ones in flight to finish, then close.
 */
import type { FastifyInstance } from 'fastify';
import { problemOf, sendProblem } from './problems.js';

interface DrainState {
  inFlight: number;
  draining: boolean;
  idle: (() => void) | undefined;
}

const states = new WeakMap<FastifyInstance, DrainState>();

export function registerDrain(app: FastifyInstance): void {
  const state: DrainState = { inFlight: 0, draining: false, idle: undefined };
  states.set(app, state);
  app.addHook('onRequest', async (_request, reply) => {
    if (state.draining) {
      reply.header('connection', 'close');
      return sendProblem(reply, {
        ...problemOf('internal', 'The server is shutting down; retry'),
        status: 503,
      });
    }
    state.inFlight++;
    // 'close' comes once per response, whether it was sent in full or the client went away.
    reply.raw.once('close', () => {
      state.inFlight--;
      if (state.inFlight === 0) state.idle?.();
    });
  });
}

/** Waits for requests in flight (at most `timeoutMs`), then closes the app and its connections. */
export async function drainAndClose(app: FastifyInstance, timeoutMs: number): Promise<void> {
  const state = states.get(app);
  if (state !== undefined && state.inFlight > 0) {
    state.draining = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      state.idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  await app.close();
}

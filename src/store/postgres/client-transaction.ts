import type pg from 'pg';
import { serverFault } from './server-faults.js';

/**
 * fn on one pooled client, then COMMIT, or ROLLBACK when it throws. fn sends the BEGIN itself, so that it
 * can share a round trip with the transaction's first statement.
 *
 * While this client is checked out, a connection the server or the network closes is reported as an
 * 'error' event on the client, which would end the process unheard: it is heard here, the next statement
 * fails, and the transaction fails with database_unavailable. A client whose connection failed or whose
 * ROLLBACK failed is closed rather than handed to the next transaction.
 */
export async function onClientInTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => (broken ??= rollbackError));
    throw serverFault(error);
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}

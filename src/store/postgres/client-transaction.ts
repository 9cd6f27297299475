import type pg from 'pg';

/**
 * fn on one pooled client, then COMMIT, or ROLLBACK when it throws. fn sends the BEGIN itself, so that it
 * can share a round trip with the transaction's first statement.
 */
export async function onClientInTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  try {
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

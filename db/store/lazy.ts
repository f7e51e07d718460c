/**
 * Prepares a statement on first use, then reuses it. Lazy because a store may be created on a
 * database whose migrations have not all run yet (the migration tests seed older schemas), and
 * preparing a statement that names a missing column would throw at creation.
 *
 *   const byId = lazy(() => db.select().from(s.clients).where(eq(s.clients.id, sql.placeholder('id'))).prepare());
 *   byId().get({ id: 1 });
 */
export function lazy<T>(prepare: () => T): () => T {
  let statement: T | undefined;
  return () => {
    statement ??= prepare();
    return statement;
  };
}

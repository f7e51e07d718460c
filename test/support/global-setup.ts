/**
 * One private redis-server for the whole test run, on a free port (or REDIS_URL when set).
 * Test files never share keys: each app gets its own BullMQ prefix (see test/support/app.ts).
 * First, the compiled JavaScript that `npm start` and `release-bot` run is brought up to date.
 */
import type { TestProject } from 'vitest/node';
import { startPrivateRedis } from '../../jobs/redis-server.js';
import { ensureBuilt } from './build.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureBuilt();
  if (process.env.REDIS_URL) {
    project.provide('redisUrl', process.env.REDIS_URL);
    return async () => {};
  }
  const redis = await startPrivateRedis();
  project.provide('redisUrl', redis.url);
  return () => redis.stop();
}

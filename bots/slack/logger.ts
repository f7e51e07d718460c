/**
 * Bolt's logger interface over our pino logger. Bolt's debug output is dropped on purpose: in
 * developer mode and on errors it prints whole request bodies, and a modal submission body holds
 * the App secret the client typed. Info and above go through pino (which masks secret-shaped runs).
 *
 *   const app = new App({ logger: boltLogger(logger), … });
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/logger.js';

const words = (msg: unknown[]): string =>
  msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');

export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  let level = LogLevel.INFO;
  return {
    debug: () => {},
    info: (...msg: unknown[]) => child.info(words(msg)),
    warn: (...msg: unknown[]) => child.warn(words(msg)),
    error: (...msg: unknown[]) => child.error(words(msg)),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

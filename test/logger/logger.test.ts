import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';

const SECRET = '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d';

describe('the logger keeps secrets out', () => {
  it('masks App-secret-shaped runs in messages, fields and errors, and redacts secret fields', () => {
    let out = '';
    const destination = new Writable({
      write(chunk: Buffer, _enc, done) {
        out += chunk.toString();
        done();
      },
    });
    const logger = createLogger({ level: 'info', destination });
    logger.info(`the client pasted ${SECRET}`);
    logger.info({ text: `AppSecret: ${SECRET}`, nested: { list: [SECRET] } }, 'an inbound message');
    logger.error({ err: new Error(`WeChat refused ${SECRET}`) }, 'a send failed');
    logger.info({ config: { botToken: 'xoxb-123', signingSecret: 'abc' } }, 'started');
    expect(out).not.toContain(SECRET);
    expect(out).toContain('••••7e6d');
    expect(out).not.toContain('xoxb-123');
    expect(out).toContain('[redacted]');
  });
});

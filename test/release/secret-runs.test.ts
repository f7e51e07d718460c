import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { findSecretRuns, maskSecretsIn, unmaskRuns } from '../../src/release/secret-runs.js';

describe('secret runs in free text', () => {
  const cases: { text: string; asked?: boolean; masked: string }[] = [
    { text: 'AppSecret: 9675e1550a1b2c3d4e5f60718293a4b5c6d', masked: 'AppSecret: ••••5c6d' },
    { text: 'secret 9675 e155 0a1b 2c3d 4e5f 6071 8293 a4b5', masked: 'secret ••••a4b5' },
    { text: '秘钥：9675-e155-0a1b-2c3d-4e5f-6071-8293-a4b', masked: '秘钥：••••3a4b' },
    { text: 'secret_9675e1550a1b2c3d4e5f60718293a4b5c.png', masked: 'secret_••••4b5c.png' },
    {
      text: 'App secret: 0f1e2d3c4b5a69788796a5b4c3d2e1f0 thanks, add a bead',
      masked: 'App secret: ••••e1f0 thanks, add a bead',
    },
    { text: '0f1e2d3c4b5a69788796a5b4c3d2e1f0', masked: '••••e1f0' },
    // No keyword and the question is not open: 31 hex could be anything (a build id).
    { text: 'build 9675e1550a1b2c3d4e5f60718293a4b', masked: 'build 9675e1550a1b2c3d4e5f60718293a4b' },
    { text: '9675e1550a1b2c3d4e5f60718293a4b', asked: true, masked: '••••3a4b' },
    // Too short, too long, only digits, only a–f words: not a secret even when asked.
    { text: 'secret 9675e1550a1b2c3d4e5f6071829', masked: 'secret 9675e1550a1b2c3d4e5f6071829' },
    {
      text: 'secret 9675e1550a1b2c3d4e5f60718293a4b5c6d7e8f90',
      masked: 'secret 9675e1550a1b2c3d4e5f60718293a4b5c6d7e8f90',
    },
    { text: '1900000109 1900000110 1900000111', asked: true, masked: '1900000109 1900000110 1900000111' },
    { text: 'we added a face to the cafe, deadbeef', asked: true, masked: 'we added a face to the cafe, deadbeef' },
    // An App ID is no secret.
    { text: 'secret for wx1a2b3c4d5e6f7a8b', asked: true, masked: 'secret for wx1a2b3c4d5e6f7a8b' },
  ];
  for (const c of cases) {
    it(`${c.asked ? '(asked) ' : ''}${c.text}`, () => {
      const found = findSecretRuns(c.text, { secretAsked: c.asked });
      expect(found.masked).toBe(c.masked);
      expect(unmaskRuns(found.masked, found.runs)).toBe(c.text);
    });
  }

  it('puts two runs back in their places', () => {
    const text = 'secret 9675 e155 0a1b 2c3d 4e5f 6071 8293 a4b5, or was it 0f1e2d3c4b5a69788796a5b4c3d2e1f0';
    const found = findSecretRuns(text);
    expect(found.runs).toHaveLength(2);
    expect(unmaskRuns(found.masked, found.runs)).toBe(text);
  });

  it('logs mask a near miss next to a keyword', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'info', destination: { write: (l: string) => void lines.push(l) } });
    logger.info(
      { text: 'my app secret is 9675-e155-0a1b-2c3d-4e5f-6071-8293-a4b5' },
      'secret 9675 e155 0a1b 2c3d 4e5f 6071 8293 a4b5',
    );
    expect(lines.join('')).not.toMatch(/9675/);
    expect(maskSecretsIn('密钥 9675e1550a1b2c3d4e5f60718293a4b')).toBe('密钥 ••••3a4b');
  });
});

/**
 * WeCom's part of `/release start` and `/release invite`: its target syntax (`wecom:<userid>`,
 * `wecom-chat:<chatid>`, `wecom-robot:<webhook key>`) and its sealed credentials — a group robot's
 * webhook key lets anyone holding it post to the client's group, so it is sealed, the thread's channel
 * is its fingerprint (`robot:<fingerprint>`), and replies and the audit trail show it masked.
 *
 *   const robots = new RobotKeys(store, secrets, clock);
 *   const targets = weComTargets(robots);        // listed in src/main.ts, handed to the commands
 */
import type { ChatTarget } from '../../src/commands/index.js';
import type { Clock } from '../../src/ports.js';
import { maskSecret, type SecretBox } from '../../src/release/secrets.js';
import type { SecretStore, ThreadStore } from '../../src/release/store.js';

/** A WeCom group robot's thread channel: this prefix and the fingerprint of its sealed webhook key. */
export const ROBOT_CHANNEL_PREFIX = 'robot:';

/**
 * A webhook key as people may see it: the mask and its last 4 characters (none of a key too short to spare them).
 *
 *   maskedKey('a1b2c3d4-0000-4bc4-97a0-0ec2f1e95aaa')  // '••••5aaa'
 */
export function maskedKey(key: string): string {
  return maskSecret(key.length >= 12 ? key.slice(-4) : '');
}

/** Group robots' webhook keys, sealed in the store under their fingerprint. */
export class RobotKeys {
  constructor(
    private readonly store: Pick<SecretStore, 'putRobotKey' | 'getRobotKey'> &
      Pick<ThreadStore, 'threadsWithChannelPrefix' | 'rebindChannel' | 'transaction'>,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
  ) {}

  /** Seals a webhook key and returns the channel id its thread uses instead: `robot:<fingerprint>`, the same for the same key. */
  keep(key: string): string {
    const fingerprint = this.secrets.fingerprint(key);
    this.store.putRobotKey(fingerprint, this.secrets.seal(key), this.clock.now().toISOString());
    return `${ROBOT_CHANNEL_PREFIX}${fingerprint}`;
  }

  /** The webhook key behind a robot thread's channel id, to send with; never for display. */
  reveal(channel: string): string | undefined {
    const sealed = channel.startsWith(ROBOT_CHANNEL_PREFIX)
      ? this.store.getRobotKey(channel.slice(ROBOT_CHANNEL_PREFIX.length))
      : undefined;
    return sealed && this.secrets.open(sealed);
  }

  /**
   * Robot threads bound before keys were sealed kept the key itself as their channel: seal each key
   * and move the thread (and its messages still to send) to the fingerprint. Run at start; returns how many moved.
   */
  sealOld(): number {
    return this.store.transaction(() => {
      let moved = 0;
      for (const thread of this.store.threadsWithChannelPrefix('wecom', ROBOT_CHANNEL_PREFIX)) {
        const key = thread.channel.slice(ROBOT_CHANNEL_PREFIX.length);
        if (/^[0-9a-f]{20}$/.test(key)) continue; // already a fingerprint
        this.store.rebindChannel(thread.id, this.keep(key));
        moved += 1;
      }
      return moved;
    });
  }
}

/**
 * How a WeCom target binds: a member (a 1:1 conversation: the questions), or an app group chat or
 * group robot — both send-only (WeCom delivers no group messages to the app), so they get notices and
 * reminders, not questions.
 */
export function weComTargets(robots: RobotKeys): ChatTarget[] {
  const same = (id: string): string => id;
  return [
    {
      type: 'chat',
      platform: 'wecom',
      prefix: 'wecom:',
      kind: 'user',
      opening: true,
      inStart: true,
      channel: same,
      shown: same,
    },
    {
      type: 'chat',
      platform: 'wecom',
      prefix: 'wecom-chat:',
      kind: 'appchat',
      opening: false,
      inStart: false,
      channel: same,
      shown: same,
    },
    {
      type: 'chat',
      platform: 'wecom',
      prefix: 'wecom-robot:',
      kind: 'appchat',
      opening: false,
      inStart: false,
      channel: (key) => robots.keep(key),
      credential: true,
      shown: maskedKey,
      displayChannel: (key) => `${ROBOT_CHANNEL_PREFIX}${maskedKey(key)}`,
    },
  ];
}

/**
 * 微信客服 (kf): mounted beside the self-built app when WECOM_KF_SECRET and WECOM_KF_OPEN_KFID are set.
 */
import type { Commands } from '../../../src/commands/index.js';
import type { Config, WeComConfig, WeComKfConfig } from '../../../src/config.js';
import type { Locale } from '../../../src/i18n/index.js';
import type { Address, Chat } from '../../../src/ports.js';

export interface KfMountDeps {
  config: Config & { wecom: WeComConfig };
  kf: WeComKfConfig;
  commands: Commands;
  localeOf(to: Address): Locale;
}

export interface KfMount {
  chat: Chat;
  onEvent(token: string, openKfId: string): void;
  statusLines(clientId: number, locale: Locale): string[];
  stop(): Promise<void>;
}

export function mountKf(_deps: KfMountDeps): KfMount {
  throw new Error('微信客服 is not built yet');
}

/**
 * What WeCom and 微信客服 contribute besides their routes and `Chat`s (src/platforms.ts): their
 * configuration sections (WECOM_*, WECOM_KF_*), their start-up lines, the callback's counters on
 * /metrics, and how WeCom PMs are named (`wecom:zhangsan`). 微信客服 reaches clients only: no PMs.
 *
 *   const wecom = wecomParts.readConfig(env);   // undefined when no WECOM_* app variable is set
 */
import { ConfigError, group, nonEmpty, wholeNumber } from '../../src/config.js';
import { t } from '../../src/i18n/index.js';
import type { Env, PlatformParts } from '../../src/platforms.js';

export interface WeComConfig {
  corpId: string;
  corpSecret: string;
  agentId: number;
  token: string;
  encodingAesKey: string;
  apiBase: string;
  /** WECOM_ACCOUNT_LIMIT: the corp's account limit (账号上限数); the app may message 200× that many members a day. */
  accountLimit?: number;
}

export interface WeComKfConfig {
  secret: string;
  openKfId: string;
}

const WECOM_DEFAULT_BASE = 'https://qyapi.weixin.qq.com';

const APP_VARS = [
  'WECOM_CORP_ID',
  'WECOM_CORP_SECRET',
  'WECOM_AGENT_ID',
  'WECOM_TOKEN',
  'WECOM_ENCODING_AES_KEY',
] as const;

const appVars = (env: Env) => group(env, 'WeCom', APP_VARS);

export const wecomParts: PlatformParts<WeComConfig> = {
  readConfig(env) {
    const vars = appVars(env);
    if (!vars) return undefined;
    if (!/^\d+$/.test(vars.WECOM_AGENT_ID)) {
      throw new ConfigError(`WECOM_AGENT_ID must be the app's numeric AgentId (got "${vars.WECOM_AGENT_ID}").`);
    }
    if (vars.WECOM_ENCODING_AES_KEY.length !== 43) {
      throw new ConfigError(
        'WECOM_ENCODING_AES_KEY must be the 43-character EncodingAESKey from the app’s API receive settings.',
      );
    }
    const accountLimit = nonEmpty(env.WECOM_ACCOUNT_LIMIT)
      ? wholeNumber('WECOM_ACCOUNT_LIMIT', env.WECOM_ACCOUNT_LIMIT, 1, 10_000_000)
      : undefined;
    return {
      corpId: vars.WECOM_CORP_ID,
      corpSecret: vars.WECOM_CORP_SECRET,
      agentId: Number(vars.WECOM_AGENT_ID),
      token: vars.WECOM_TOKEN,
      encodingAesKey: vars.WECOM_ENCODING_AES_KEY,
      apiBase: nonEmpty(env.WECOM_API_BASE) ? env.WECOM_API_BASE.trim().replace(/\/+$/, '') : WECOM_DEFAULT_BASE,
      ...(accountLimit ? { accountLimit } : {}),
    };
  },
  startupLine: () => t('en', 'start.wecom'),
  metrics: {
    release_bot_wecom_callback_total:
      'WeCom callback POSTs by result (accepted, refused_shape, refused_signature, refused_stale, refused_crypto, refused_xml).',
    release_bot_wecom_xml_parsed_total: 'XML documents the WeCom callback parsed: only decrypted, signed ones.',
  },
  pmUsers: { prefix: 'wecom', example: 'wecom:zhangsan' },
  // A WeCom chat has no private form: a secret is asked through a secret-only page link.
  noPrivateForm: ['wecom'],
};

export const kfParts: PlatformParts<WeComKfConfig> = {
  readConfig(env) {
    const vars = group(env, 'WeCom 微信客服', ['WECOM_KF_SECRET', 'WECOM_KF_OPEN_KFID'] as const);
    if (vars && !appVars(env)) {
      throw new ConfigError(
        `WECOM_KF_SECRET and WECOM_KF_OPEN_KFID need the WeCom app variables too (${APP_VARS.join(', ')}): 微信客服 shares its callback and corp.`,
      );
    }
    return vars && { secret: vars.WECOM_KF_SECRET, openKfId: vars.WECOM_KF_OPEN_KFID };
  },
  startupLine: () => t('en', 'start.kf'),
  noPrivateForm: ['kf'],
};

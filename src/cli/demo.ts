/**
 * `npm run demo` (`release-bot demo`): plays a whole release in a throw-away database — a client
 * answering in mixed Chinese and English, with a mistake and a correction — then prints the
 * transcript and the final status. Nothing leaves this machine.
 */
import type { ItemKey } from '../checklist/types.js';
import { t } from '../i18n/index.js';
import { openClientItems } from '../conversation/questions.js';
import { createLogger } from '../logger.js';
import { createApp, readConfig } from '../main.js';
import { buildStatus } from '../status/model.js';
import { releaseText } from '../status/render-text.js';
import { printMessages, sandboxEnv } from './chat.js';
import { CLI_LOCALE, type CliCommand, type CliIO, parseArgs } from './command.js';
import { LocalSession, type Role } from './local-session.js';

const CLIENT = 'Acme Coffee';

/** The opening: several facts at once, a wrong App ID, its correction, a pasted secret. */
const OPENING: [Role, string][] = [
  ['pm', `/release start ${CLIENT}`],
  ['client', '是企业主体，已经认证了。AppID wx1a2b3c4d5e6f7a8b，商户号还在申请中'],
  ['client', 'sorry, AppID 写错了，应该是 wx9f8e7d6c5b4a3f2e'],
  ['client', '模板ID: 9Ew9Dl1PsJjmaE2w5xUc9rLd'],
  ['client', '3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d'],
];

/** What the client answers when asked each remaining item (order follows the bot's questions). */
const ANSWERS: Partial<Record<ItemKey, string>> = {
  app_secret: 'AppSecret: 3f2a9c8e7d6b5a4f3e2d1c0b9a8f7e6d',
  roles: '角色都加好了',
  developers: 'developers added ✅ 已添加',
  beta_whitelist: '体验版需要：zhang_wei88、lisa_chen01',
  mp_category: '服务类目：餐饮-餐饮服务',
  ugc_license: 'No UGC, users cannot post anything',
  template_ids: '模板ID：9Ew9Dl1PsJjmaE2w5xUc9rLd-AP0AAI3Q5vG1yqOeQk',
  functions_pages: '功能页面不需要',
  analytics_platform: 'Analytics: GrowingIO, project id 91e5a2',
  open_platform: '开放平台没有',
  nearby_locations: '门店地址：上海市静安区南京西路1266号；上海市徐汇区淮海中路999号',
  admin_url_whitelist: '域名 api.acme-coffee.cn, static.acme-coffee.cn 备案号 沪ICP备2021012345号-1',
  sms_template: '短信模板 SMS_123456789',
  sharing_flow: '分享文案和图片已经发到邮箱了，好了',
  app_icon: 'app icon sent by email, done',
  permission_page: '授权页设计没问题，好了',
  service_messages: 'service messages: order shipped, pickup ready',
  error_copywriting: 'error copywriting confirmed, done',
};

/** The agency's side, once the client is through. */
const AGENCY: string[] = [
  `/release whitelist ${CLIENT} api.acme-coffee.cn static.acme-coffee.cn`,
  `/release done ${CLIENT} sentry`,
  `/release done ${CLIENT} relogin_on_401_403`,
  `/release done ${CLIENT} wechat_auth`,
  `/release done ${CLIENT} servers`,
];

async function say(io: CliIO, session: LocalSession, role: Role, text: string): Promise<void> {
  io.stdout.write(`\n${t(CLI_LOCALE, role === 'pm' ? 'cli.role_pm' : 'cli.role_client')}: ${text}\n`);
  const { answer, messages } = await session.send(role, text);
  if (answer) io.stdout.write(`\n${t(CLI_LOCALE, 'cli.to_pm')} ${answer.replace(/\n/g, '\n        ')}\n`);
  printMessages(io, messages);
}

export const demo: CliCommand = {
  name: 'demo',
  usage: 'demo [--db PATH]',
  summary:
    'play a complete scripted release (zh/en, a mistake and a correction) and print the status; a throwaway database unless --db names one',
  async run(args, io) {
    const { options } = parseArgs(args, { string: ['db'] });
    const sandbox = sandboxEnv(io, options.db, 'demo');
    // Only what the demo needs: no platform is configured, so nothing is sent anywhere.
    const { DATABASE_PATH, QUEUE_PREFIX, REDIS_URL, SECRET_KEY } = sandbox.env;
    const config = readConfig({
      DATABASE_PATH,
      PORT: '0',
      REDIS_URL,
      SECRET_KEY,
      QUEUE_PREFIX,
      PM_USERS: 'local:pm',
      WECHAT_API_BASE: 'off',
    }); // demo IDs are made up: no App-secret check with WeChat
    let app: Awaited<ReturnType<typeof createApp>>;
    try {
      app = await createApp(config, {
        localChat: true,
        logger: createLogger({ level: 'error', destination: process.stderr }),
      });
    } catch (err) {
      sandbox.cleanup();
      throw err;
    }
    try {
      await app.start();
      const session = new LocalSession(app, 'demo');
      for (const [role, text] of OPENING) await say(io, session, role, text);
      const release = app.store.openReleaseOf(app.service.clientByName(CLIENT).id);
      for (let turn = 0; release && turn < 30; turn += 1) {
        // Like a person: answer the first question of the bot's last message.
        const asked = openClientItems(app.store.items(release.id)).find((i) => i.status === 'asked');
        const text = asked && ANSWERS[asked.key];
        if (!text) break;
        await say(io, session, 'client', text);
      }
      for (const text of AGENCY) await say(io, session, 'pm', text);
      const client = app.service.clientByName(CLIENT);
      const [status] = buildStatus(app.store.statusRows({ clientId: client.id }), app.clock.now());
      if (status)
        io.stdout.write(
          `\n${t(CLI_LOCALE, 'cli.final_status')}\n${releaseText(CLI_LOCALE, status, app.clock.now())}\n`,
        );
      return 0;
    } finally {
      await app.stop();
      sandbox.cleanup();
    }
  },
};

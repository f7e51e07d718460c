import type { ItemKey } from '../../checklist/items.js';
/** Checklist copy: each item's label, question and the seed's how-to hint; section names; rule reasons. */
export const checklist = {
  'section.preparation': 'Preparation — WeChat Admin UI',
  'section.other': 'Other',
  'section.development': 'Development',

  'status.todo': 'to do',
  'status.asked': 'asked',
  'status.answered': 'answered',
  'status.waiting': 'waiting',
  'status.done': 'done',
  'status.blocked': 'blocked',
  'status.n/a': 'n/a',

  'item.enterprise_account.label': 'Enterprise account',
  'item.enterprise_account.question':
    'Is the Mini Program registered to your company (enterprise account), and is it verified (已认证)?',
  'item.enterprise_account.hint': 'A verified account can add up to 20 developers, an unverified one 10.',
  'item.app_id.label': 'App ID',
  'item.app_id.question': 'The Mini Program’s App ID',
  'item.app_id.hint':
    'WeChat Admin UI → 开发管理 (Development) → 开发设置 (Settings); it starts with wx, e.g. wx0123456789abcdef.',
  'item.app_secret.label': 'App secret',
  'item.app_secret.question': 'The App secret (32 characters), sent privately',
  'item.app_secret.hint':
    'Same page as the App ID. Please do not change the App secret later without telling us: the live MP would stop working.',
  'item.roles.label': 'Roles',
  'item.roles.question':
    'Please add the roles: Admin, Project Manager, Operator, Developer, Data Analyst, View MP (no other permission). Reply “done” when added.',
  'item.roles.hint': 'WeChat Admin UI → 用户身份 (User Identity) → 成员管理 (Members).',
  'item.developers.label': 'Developers',
  'item.developers.question':
    'Please add our developers’ WeChat IDs{developers}, or send the WeChat IDs of yours. Reply “done” when added.',
  'item.developers.hint':
    'Log in to the MP, 用户身份 (User Identity) → 开发者 (Developers) → 新增开发者 (Add New Developers), and enter each WeChat ID.',
  'item.functions_pages.label': 'Functions pages',
  'item.functions_pages.question':
    'The Functions Pages to set up: for each, its business category (业务-类目) and tags (标签)',
  'item.functions_pages.hint': '配置功能页面 (Set up Functions Page); WeChat uses them for search. Up to 5 pages.',
  'item.beta_whitelist.label': 'Beta whitelist',
  'item.beta_whitelist.question': 'WeChat IDs of the people who need the Beta (= Staging) version',
  'item.beta_whitelist.hint': 'Send them as a list, e.g. zhang_wei88, lisa_chen01.',
  'item.mp_category.label': 'MP category',
  'item.mp_category.question': 'The MP category (服务类目) you chose or plan to choose',
  'item.mp_category.hint':
    'Align it with your business entity and merchant account: some merchant accounts limit the total of any order.',
  'item.ugc_license.label': 'UGC licence',
  'item.ugc_license.question':
    'Does the MP have user-generated content (posts, comments, reviews)? If yes, which licence do you hold?',
  'item.ugc_license.hint': 'Some content needs a special licence; name it and its status.',
  'item.ugc_license.followup':
    'You said the MP has user-generated content: which special licence do you hold for it (e.g. ICP 经营许可证 / EDI, 网络文化经营许可证), and what is its status? Some content needs one before WeChat approves the release.',
  'item.template_ids.label': 'Template IDs',
  'item.template_ids.question': 'The subscription-message template IDs (you can send several at once)',
  'item.template_ids.hint': 'WeChat Admin UI → 订阅消息 (Subscription messages) → 我的模板; each ID is 43 characters.',
  'item.analytics_platform.label': 'Analytics platform',
  'item.analytics_platform.question': 'Which analytics platform do you use, and the account details we need?',
  'item.analytics_platform.hint': 'e.g. “GrowingIO, project ID …” or “none”.',
  'item.servers.label': 'Servers',
  'item.servers.question': 'Prod server details (the static file and staging servers are ours, shared)',
  'item.servers.hint': 'Host, region and who manages it.',
  'item.open_platform.label': 'Open Platform',
  'item.open_platform.question':
    'Optional: is the MP registered on WeChat Open Platform to bind it with your Official Account? If so, its App ID (and send the App secret privately).',
  'item.open_platform.hint': 'Reply “no” if you do not use Open Platform.',
  'item.open_platform.followup':
    'Noted that the MP is bound on Open Platform. Please send its Open Platform App ID (and the App secret privately).',
  'item.merchant_account.label': 'Merchant account',
  'item.merchant_account.question':
    'Does the MP take payments? If so, the WeChat Pay merchant account: not yet / applying / active + merchant ID (商户号)',
  'item.merchant_account.hint':
    'The merchant ID has 10 digits, e.g. 1900000109. Reply “no payments” if the MP does not take payments.',
  'item.nearby_locations.label': 'Nearby locations',
  'item.nearby_locations.question': 'The addresses where the MP should appear in “Mini Programs Nearby”',
  'item.nearby_locations.hint': 'Set in the WeChat Admin UI; up to 10 (more by email application to WeChat).',
  'item.admin_url_whitelist.label': 'Admin UI URL whitelist',
  'item.admin_url_whitelist.question':
    'The external domains to whitelist in the WeChat Admin UI, with their ICP filing number (备案号)',
  'item.admin_url_whitelist.hint': 'Every domain must have an ICP filing, e.g. api.example.cn 沪ICP备2021012345号-1.',
  'item.admin_url_whitelist.followup':
    'To whitelist them we need both: the domains and their ICP filing number (备案号). Please send what is still missing, e.g. api.example.cn 沪ICP备2021012345号-1.',
  'item.sentry.label': 'Sentry',
  'item.relogin_on_401_403.label': 'Re-login on 401/403',
  'item.wechat_auth.label': 'Standard WeChat auth popup',
  'item.sms_template.label': 'SMS template',
  'item.sms_template.question':
    'The AliCloud SMS template: its template code once approved (or “done” if we applied for it)',
  'item.sms_template.hint': 'AliCloud console → SMS → Templates; codes look like SMS_123456789.',
  'item.sharing_flow.label': 'Sharing flow',
  'item.sharing_flow.question': 'The copywriting and images for sharing each page',
  'item.sharing_flow.hint': 'Send them here or tell us where they are; reply “done” once delivered.',
  'item.app_icon.label': 'App icon',
  'item.app_icon.question': 'The custom app icon',
  'item.app_icon.hint': 'A square PNG, at least 144×144; reply “done” once delivered.',
  'item.permission_page.label': 'Permission page design',
  'item.permission_page.question': 'The design of the custom permission page (or “done” if you approved ours)',
  'item.permission_page.hint': 'Shown before WeChat asks the user for permissions.',
  'item.service_messages.label': 'Service messages',
  'item.service_messages.question': 'Which service messages do you need, if any?',
  'item.service_messages.hint': 'At most 3 per Mini Program.',
  'item.mp_url_whitelist.label': 'MP URL whitelist',
  'item.mp_url_whitelist.question':
    'The MP URL whitelist is live: please open the Beta version once and reply “done” if requests work.',
  'item.mp_url_whitelist.hint': 'WeChat needs 24 h after submission before the whitelist takes effect.',
  'item.error_copywriting.label': 'Error copywriting',
  'item.error_copywriting.question':
    'Please confirm the error-message copywriting we sent (reply “done”, or send your changes)',
  'item.error_copywriting.hint': 'The texts users see when something fails.',

  'value.done': 'done',
  'value.registered': 'company account',
  'value.not_registered': 'not a company account',
  'value.verified': 'verified',
  'value.unverified': 'not verified',
  'value.merchant.none': 'no merchant account yet',
  'value.merchant.applying': 'applying',
  'value.merchant.active': 'active',
  'value.ugc': 'has UGC',
  'value.no_ugc': 'no UGC',

  'reason.domains_required':
    'Which domains is the ICP filing {input} for? Please send them with it, e.g. api.example.cn 沪ICP备2021012345号-1.',
  'reason.app_id':
    '“{input}” is not an App ID: it is “wx” followed by 16 letters a–f or digits, e.g. wx0123456789abcdef.',
  'reason.app_id_example':
    '{input} is only the example from our instructions, not an App ID of yours. Please copy your own from the WeChat admin console (开发管理 → 开发设置).',
  'reason.app_secret': 'That is not an App secret: it has 32 letters a–f or digits.',
  'reason.template_id':
    '“{input}” is not a template ID: IDs are 43 characters, e.g. 9Ew9Dl1PsJjmaE2w5xUc9rLd-AP0AAI3Q5vG1yqOeQk.',
  'reason.merchant_id': '“{input}” is not a merchant ID (商户号): it has 10 digits, e.g. 1900000109.',
  'reason.two_app_ids': 'I see two different App IDs, {first} and {second}, and can’t tell which one is right.',
  'reason.two_merchant_ids':
    'I see two different merchant IDs (商户号), {first} and {second}, and can’t tell which one is right.',
  'reason.wechat_id':
    '“{input}” is not a WeChat ID: 6–20 letters, digits, _ or -, starting with a letter, e.g. zhang_wei88.',
  'reason.domain': '“{input}” is not a domain, e.g. api.example.cn.',
  'reason.whitelist_submitted':
    'The MP URL whitelist is already submitted and waiting for WeChat, so it was not changed. New domains need a new submission: your PM has them and will submit them again.',
  'reason.whitelist_not_submitted':
    'The MP URL whitelist is not submitted yet: once it is live (24 h after we submit it) we will ask you to open the Beta and check.',
  'reason.icp_required':
    'Each whitelisted domain needs an ICP filing (备案号). Please send it with the domains, e.g. api.example.cn 沪ICP备2021012345号-1.',
  'reason.developers_limit_verified':
    'That makes {count} developers: a verified account can add at most {max}. Please remove {over}.',
  'reason.developers_limit_unverified':
    'That makes {count} developers: an unverified account can add at most {max}. Please remove {over} or verify the account (then up to 20).',
  'reason.functions_pages_limit':
    'That makes {count} Functions Pages: WeChat allows at most {max}. Please choose {max}.',
  'reason.nearby_locations_limit':
    'That makes {count} locations: Mini Programs Nearby takes at most {max} (more needs an email application to WeChat). Please choose {max}.',
  'reason.service_messages_limit':
    'That makes {count} service messages: a Mini Program can have at most {max}. Please choose {max}.',
  'reason.limit': 'That makes {count}: this item takes at most {max}. Please choose {max}.',
  'reason.empty': 'I could not find a value in that message.',
  'reason.unreadable': 'I could not read “{input}” as a value for this item.',
  'reason.not_in_list': '“{input}” is not in the list on file, so it cannot be removed.',
  'reason.secret_elsewhere':
    '“{input}” looks like an App secret, which is not a value for this item, so nothing was recorded. An App secret goes only into the App secret item.',
  'reason.date': '“{input}” is not a date: please write it as YYYY-MM-DD, e.g. 2026-12-20.',
  'reason.date_impossible': '{input} does not exist in the calendar (check the day of the month).',
  'reason.date_past': '{input} is already past (today is {today} in {timezone}).',
  'reason.not_applicable': 'This item is required for every release, so it cannot be n/a.',
} as const;

/**
 * The English words that name each item in a client's message ("merchant", "app id"): the reader anchors
 * the text around them to the item (src/checklist/parse/keywords.ts reads both languages' words for every
 * message, since clients mix them). Lower case; a word goes in the language it is written in (Chinese
 * words in ../zh). Product names that are the answer itself (GrowingIO) are the item's `valueWords`
 * in the checklist record, not copy.
 */
export const itemKeywords: Readonly<Record<ItemKey, readonly string[]>> = {
  enterprise_account: [
    'enterprise',
    'company account',
    'business account',
    'company entity',
    'registered under',
    'registered to',
    'verified',
    'unverified',
    'verification',
    'individual',
    'personal account',
    'organization',
    'organisation',
  ],
  app_id: ['appid', 'app id', 'app_id', 'app-id', 'mini program id', 'mini-program id', 'miniprogram id', 'mp id'],
  app_secret: ['appsecret', 'app secret', 'app_secret', 'secret'],
  roles: ['roles', 'role', 'members', 'data analyst', 'project manager'],
  developers: ['developer', 'developers', 'developper', 'devs'],
  functions_pages: ['functions page', 'functions pages', 'function page', 'function pages'],
  beta_whitelist: ['beta', 'staging', 'tester', 'testers'],
  mp_category: ['category', 'categories', 'mp category', 'mini program category'],
  ugc_license: [
    'ugc',
    'user-generated',
    'user generated',
    'user content',
    'comments',
    'reviews',
    'user reviews',
    'icp licence',
    'icp license',
    'icp commercial license',
    'icp commercial licence',
    'edi licence',
    'edi license',
    'licence',
    'license',
  ],
  template_ids: [
    'template',
    'templates',
    'tempalte',
    'teamplate',
    'template id',
    'template ids',
    'subscription message',
    'subscription messages',
  ],
  analytics_platform: ['analytics', 'tracking', 'analytics platform'],
  servers: ['server', 'servers', 'prod', 'production', 'ecs'],
  open_platform: ['open platform', 'openplatform', 'official account'],
  merchant_account: [
    'merchant',
    'merchent',
    'merchant id',
    'wechat pay',
    'payment',
    'payments',
    'pay',
    'mch_id',
    'mchid',
  ],
  nearby_locations: ['nearby', 'location', 'locations', 'address', 'addresses', 'stores', 'shops', 'branches'],
  admin_url_whitelist: ['icp', 'domain', 'domains', 'whitelist', 'whitelisted', 'url', 'urls'],
  sentry: [],
  relogin_on_401_403: ['401/403', '403/401', 're-login', 'relogin'],
  wechat_auth: ['auth popup', 'wechat auth', 'wechat auth popup', 'wechat login', 'authorization popup'],
  sms_template: ['sms', 'sms template'],
  sharing_flow: ['share', 'sharing', 'share assets', 'share image', 'share images', 'share card', 'share cards'],
  app_icon: ['icon', 'app icon', 'mp icon', 'logo'],
  permission_page: ['permission page', 'permissions page'],
  service_messages: ['service message', 'service messages', 'service msg', 'service msgs'],
  mp_url_whitelist: [
    'mp whitelist',
    'mp url whitelist',
    'request domain',
    'request domains',
    'server domain',
    'server domains',
    'mp domain',
    'mp domains',
    'mini program domains',
  ],
  error_copywriting: ['error copy', 'error copywriting', 'error message', 'error messages', 'error text'],
};

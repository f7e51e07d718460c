import type { cli as en } from '../en/cli.js';

/** `release-bot` 命令行自身的文字（各命令的结果使用所属领域的文案）。 */
export const cli: Record<keyof typeof en, string> = {
  'cli.usage': '用法：release-bot <命令>',
  'cli.unknown_command': '未知命令「{name}」。',
  'cli.usage_of': '用法：release-bot {usage}',
  'cli.database_ready': '数据库已就绪：{path}',
  'cli.no_release_named': '没有名为「{name}」的客户的上线流程。查看全部：release-bot status',
  'cli.chat_intro':
    '您扮演客户。以 /release 开头的行是项目经理的命令（试试：/release start Acme Coffee）。按 Ctrl-D 退出。',
  'cli.chat_throwaway':
    '此聊天使用临时数据库，退出时删除（--db PATH 可保留）；不会向微信或正在运行的服务发送任何内容。',
  'cli.chat_db': '此聊天使用数据库 {path}。',
  'cli.bot': '机器人',
  'cli.bot_to': '机器人 → {who}',
  'cli.to_pm': '（给项目经理）',
  'cli.role_pm': '项目经理',
  'cli.role_client': '客户',
  'cli.final_status': '=== 最终状态',
  'fail.database_missing':
    '{path} 没有数据库（DATABASE_PATH）。请先用 npm start 启动一次机器人（或运行 release-bot migrate）来创建它，或将 DATABASE_PATH 设为机器人使用的文件。',
  'fail.database_unwritable':
    '无法打开 {path} 的数据库（DATABASE_PATH）：{reason}。请让该目录对当前用户可写，或将 DATABASE_PATH 设为可写目录中的文件（例如 DATABASE_PATH=./data/release-bot.sqlite）。',
  'fail.database_too_new':
    '{path} 的数据库（DATABASE_PATH）由更新版本的机器人写入（{applied} 个迁移；此版本只知道 {known} 个）。请更新此代码（git pull && npm install），或将 DATABASE_PATH 设为另一个文件。',
  'fail.redis_unreachable':
    '无法连接 {url} 的 Redis（REDIS_URL）：{reason}。请启动该 Redis、修正 REDIS_URL，或取消设置 REDIS_URL 让机器人自行启动私有 redis-server。',
  'fail.port_in_use':
    '端口 {port} 已被占用（PORT）：另一个程序或另一个机器人实例正在监听。请停止它，或将 PORT 设为空闲端口（例如 PORT=3001 npm start）。',
  'fail.port_denied':
    '无权监听端口 {port}（PORT）：1024 以下的端口需要 root。请将 PORT 设为 1024 或以上（例如 PORT=3000）。',
  'fail.unexpected': '{message}。使用 LOG_LEVEL=debug 再次运行可查看出错位置。',
  'start.ready': '机器人已启动。',
  'start.open_chat': '  打开       {url}（本地聊天：扮演客户和项目经理）',
  'start.open_status': '  打开       {url}（状态页）',
  'start.platforms': '  平台       {list}',
  'start.platforms_none': '未配置：本地聊天页（在 .env 中设置 Slack 或企业微信变量即可连接）',
  'start.slack_http': 'Slack（HTTP 事件：/slack/events）',
  'start.slack_socket': 'Slack（Socket Mode）',
  'start.wecom': '企业微信（回调：/wecom/callback）',
  'start.kf': '微信客服',
  'start.database': '  数据库     {path}',
  'start.redis': '  Redis      {redis}',
  'start.redis_private': '私有 redis-server：{url}（未设置 REDIS_URL）',
  'start.redis_url': '{url}（REDIS_URL）',
  'start.wechat_on': '  微信       AppSecret 检查：{url}',
  'start.wechat_off': '  微信       AppSecret 检查已关闭（设置 WECHAT_API_BASE 可开启）',
  'start.stop': '以下是日志；按 Ctrl-C 停止。',
  'fail.start_prefix': '机器人未能启动：{reason}',
  'cli.calendar.title':
    '工作日历（中国大陆）：法定节假日与调休上班日来自 chinese-days（{years} 年）{file}。提醒只在工作日的 {opens}–{closes} 发送，按各客户的时区。',
  'cli.calendar.file': '及 {path}',
  'cli.calendar.working': '工作日',
  'cli.calendar.weekend': '周末',
  'cli.calendar.holiday': '节假日：{name}',
  'cli.calendar.makeup': '调休上班（{name}）',
  'cli.calendar.unknown': '（没有 {year} 年的节假日数据：按普通工作日/周末计算）',
  'cli.calendar.gap':
    '警告：没有 {years} 年的法定节假日数据，这些日子暂按普通周一至周五计算；请在 CALENDAR_FILE 中补充该年的节假日与调休。',
  'cli.calendar.bad_from': '--from 需要形如 2026-09-28 的日期（收到「{value}」）。',
  'cli.calendar.bad_days': '--days 需要 1 到 366 的整数（收到「{value}」）。',
  'cli.calendar.weekdays': '周日,周一,周二,周三,周四,周五,周六',
};

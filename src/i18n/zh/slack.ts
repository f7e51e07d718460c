/** 仅 Slack 使用的文案：私密填写表单（弹窗标题最多 24 个字符），以及消息发不出去的原因（告知 PM）。 */
import type { slack as en } from '../en/slack.js';

export const slack: Record<keyof typeof en, string> = {
  'slack.secret.title': '私密发送',
  'slack.secret.submit': '保存',
  'slack.secret.close': '取消',
  'slack.edit.title': '修改回答',
  'slack.edit.submit': '保存',
  'slack.edit.note': '新的内容会像其他回答一样校验，并在对话中确认。',
  'slack.secret.label.app_secret': 'App 密钥（AppSecret）',
  'slack.secret.label.open_platform': '开放平台 AppSecret',
  'slack.secret.placeholder': '32 位字母 a–f 或数字',
  'slack.secret.note': '这里填写的内容只有机器人能看到：加密保存，不会出现在频道里。线程中只显示最后 4 位。',
  'slack.secret.empty': '请粘贴密钥后再点“保存”。',
  'slack.err_channel_not_found': 'Slack 频道已不存在，或机器人看不到它',
  'slack.err_not_in_channel': '机器人已不在该 Slack 频道中——请用 /invite @release-bot 把它邀请回来',
  'slack.err_is_archived': '该 Slack 频道已归档',
  'slack.err_user_not_found': '该 Slack 用户不存在',
  'slack.err_user_disabled': '该 Slack 用户已被停用',
  'slack.err_cannot_dm_bot': '该 Slack 用户是机器人',
  'slack.err_invalid_auth': 'Slack 机器人令牌无效——请检查 SLACK_BOT_TOKEN',
  'slack.err_account_inactive': 'Slack 应用已被卸载——请重新安装并更新 SLACK_BOT_TOKEN',
  'slack.err_token_revoked': 'Slack 机器人令牌已被吊销——请重新安装应用并更新 SLACK_BOT_TOKEN',
  'slack.err_missing_scope': 'Slack 应用缺少权限——请用 slack-manifest.yml 重新安装',
  'slack.err_no_dm_channel': 'Slack 无法与项目经理建立私信',
};

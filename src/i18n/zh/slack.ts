/** 仅 Slack 使用的文案：私密填写表单（弹窗标题最多 24 个字符）。 */
import type { slack as en } from '../en/slack.js';

export const slack: Record<keyof typeof en, string> = {
  'slack.secret.title': '私密发送',
  'slack.secret.submit': '保存',
  'slack.secret.close': '取消',
  'slack.secret.label.app_secret': 'App 密钥（AppSecret）',
  'slack.secret.label.open_platform': '开放平台 AppSecret',
  'slack.secret.placeholder': '32 位字母 a–f 或数字',
  'slack.secret.note': '这里填写的内容只有机器人能看到：加密保存，不会出现在频道里。线程中只显示最后 4 位。',
  'slack.secret.empty': '请粘贴密钥后再点“保存”。',
  'slack.command_failed': '抱歉，这条命令在我们这边出错了，没有做任何改动。请过一分钟再试；如果一直失败，请告诉机器人的管理员。',
};

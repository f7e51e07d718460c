/** 企业微信与微信客服的文案：代替按钮的回复提示、邀请链接、给 PM 的客服状态说明。 */
export const wecom = {
  'wecom.reply_with': '请回复「{choices}」',
  'wecom.choice_sep': '」/「',
  'wecom.secret_here': 'AppSecret 可以直接在这里发给我：这个对话只有您和机器人能看到，会加密保存。',
  'wecom.open_thread': '打开：{label}',
  'wecom.kf_invite': '{client}：请把这个微信客服链接发给客户（或生成二维码给客户扫码）。客户打开后，机器人会打招呼并提出待回答的问题：\n{url}',
  'wecom.kf_off': '尚未配置微信客服（WECOM_KF_SECRET、WECOM_KF_OPEN_KFID）；请改用 wecom:<userid> 邀请企业微信成员。',
  'wecom.kf_failed': '无法为 {client} 获取微信客服链接：{reason}',
  'wecom.resume_usage': '要交回哪个客户？/release resume <客户> 会把该客户的微信客服会话交回给机器人。',
  'wecom.resumed': '{client}：微信客服会话已交回机器人。',
  'wecom.resume_none': '{client} 没有可以交回的微信客服会话。',
  'wecom.resume_failed': '无法把 {client} 的微信客服会话交回机器人：{reason}',
  'wecom.kf_human': '{client} 在人工客服接待期间发来消息，机器人未回复：“{text}”',
  'wecom.kf_window_open': '微信客服窗口：开放至 {until}，还可发送 {left}/5 条',
  'wecom.kf_window_closed': '微信客服窗口：自 {since} 起已关闭（客户 48 小时未发消息），机器人的消息会转给 PM',
  'wecom.kf_window_full': '微信客服窗口：客户上次发言后已发送 5 条，在客户再次发言前，机器人的消息会转给 PM',
  'wecom.kf_window_none': '微信客服窗口：客户尚未发过消息',
} as const;

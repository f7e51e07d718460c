/** WeCom and 微信客服 (kf) copy: what replaces buttons there, invite links, kf words for PMs. */
export const wecom = {
  'wecom.reply_with': 'Reply “{choices}”',
  'wecom.choice_sep': '” / “',
  'wecom.secret_here': 'You can send the App secret here: only you and the bot see this chat, and it is stored encrypted.',
  'wecom.open_thread': 'Open: {label}',
  'wecom.kf_invite':
    '{client}: send this 微信客服 link to the client (or show it as a QR code). When they open it, the bot greets them and asks the open questions:\n{url}',
  'wecom.kf_off': '微信客服 is not set up (WECOM_KF_SECRET, WECOM_KF_OPEN_KFID); invite a WeCom user with wecom:<userid> instead.',
  'wecom.kf_failed': 'Could not get a 微信客服 link for {client}: {reason}',
  'wecom.resume_usage': 'Resume whom? /release resume <client> hands the client’s 微信客服 session back to the bot.',
  'wecom.resumed': '{client}: the 微信客服 session is back with the bot.',
  'wecom.resume_none': '{client} has no 微信客服 session to hand back.',
  'wecom.resume_failed': 'Could not hand {client}’s 微信客服 session back to the bot: {reason}',
  'wecom.kf_human': '{client} wrote while a human servicer has their 微信客服 session; the bot stayed silent: “{text}”',
  'wecom.kf_window_open': '微信客服 window: open until {until}, {left} of 5 messages left',
  'wecom.kf_window_closed': '微信客服 window: closed since {since} (the client has not written for 48 h); the bot hands its messages to the PM',
  'wecom.kf_window_full': '微信客服 window: 5 messages sent since the client last wrote; the bot hands its messages to the PM until they write again',
  'wecom.kf_window_none': '微信客服 window: the client has not written yet',
} as const;

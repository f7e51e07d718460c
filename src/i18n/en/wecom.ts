/** WeCom and 微信客服 (kf) copy: what replaces buttons there, invite links, kf words for PMs. */
export const wecom = {
  'wecom.reply_with': 'Reply “{choices}”',
  'wecom.choice_sep': '” / “',
  'wecom.secret_here':
    'You can send the App secret here: only you and the bot see this chat, and it is stored encrypted.',
  'wecom.open_thread': 'Open: {label}',
  'wecom.kf_invite':
    '{client}: send this 微信客服 link to the client (or show it as a QR code). When they open it, the bot greets them and asks the open questions. It works for {days} more days:\n{url}',
  'wecom.kf_scene_expired':
    '{client}: someone opened a 微信客服 invite link older than {days} days, so nothing was bound. If it was your client, send them a fresh link: /release invite {client} kf',
  'wecom.err_robot_key_missing':
    'the group robot’s webhook key is not on file (bind it again with /release invite <client> wecom-robot:<key>)',
  'wecom.kf_off':
    '微信客服 is not set up (WECOM_KF_SECRET, WECOM_KF_OPEN_KFID); invite a WeCom user with wecom:<userid> instead.',
  'wecom.kf_failed': 'Could not get a 微信客服 link for {client}: {reason}',
  'wecom.resume_usage': 'Resume whom? /release resume <client> hands the client’s 微信客服 session back to the bot.',
  'wecom.resumed': '{client}: the 微信客服 session is back with the bot.',
  'wecom.resume_none': '{client} has no 微信客服 session to hand back.',
  'wecom.resume_failed': 'Could not hand {client}’s 微信客服 session back to the bot: {reason}',
  'wecom.kf_human': '{client} wrote while a human servicer has their 微信客服 session; the bot stayed silent: “{text}”',
  'wecom.kf_window_open': '微信客服 window: open until {until}, {left} of 5 messages left',
  'wecom.kf_window_closed':
    '微信客服 window: closed since {since} (the client has not written for 48 h); the bot hands its messages to the PM',
  'wecom.kf_window_full':
    '微信客服 window: 5 messages sent since the client last wrote; the bot hands its messages to the PM until they write again',
  'wecom.kf_window_none': '微信客服 window: the client has not written yet',
  'wecom.err_unknown_user': 'this WeCom user id does not exist in our corp',
  'wecom.err_not_member': 'this WeCom user is not a member the app can reach (check the app’s visible range)',
  'wecom.err_unreachable':
    'this WeCom user is not a member the app can reach (check the user id and the app’s visible range)',
  'wecom.err_chat_gone': 'the WeCom group chat no longer exists',
  'wecom.err_trusted_ip': 'our server’s IP is not in the app’s trusted IPs (企业可信IP)',
  'wecom.err_api_denied': 'the API is not allowed for this app (check its permissions)',
  'wecom.err_outside_range': 'the app cannot message this user (outside the app’s visible range)',
  'wecom.err_kf_silent': 'WeChat no longer lets the bot write to this client: they have been silent 48 h',
  'wecom.err_kf_full': 'WeChat no longer lets the bot write to this client: 5 messages were sent since they last wrote',
  'wecom.err_kf_ended': 'the 微信客服 session has ended; the client must write again first',
  'wecom.err_kf_user': 'the client is not a valid 微信客服 external user',
  'wecom.err_token_missing': 'the access token is missing (check WECOM_CORP_SECRET / WECOM_KF_SECRET)',
  'wecom.err_wrong_secret': 'the secret is wrong (check WECOM_CORP_SECRET / WECOM_KF_SECRET)',
  'wecom.err_wrong_corp': 'the CorpID is wrong (check WECOM_CORP_ID)',
  'wecom.err_refused': 'WeCom refused it (errcode {errcode})',
  'wecom.err_refused_said': 'WeCom refused it (errcode {errcode}: {errmsg})',
  'wecom.err_no_kf_link': 'WeCom gave no link; check the 微信客服 account (WECOM_KF_OPEN_KFID)',
} as const;

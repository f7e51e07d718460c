/** The App-secret check with WeChat: what the client reads when WeChat refuses, what the PM reads (PM_LOCALE). */
export const secretCheck = {
  'secret_check.wrong_secret':
    'WeChat did not accept the App secret {secret} for App ID {app_id}. Could you copy it again from the MP admin (开发管理 → 开发设置 → AppSecret)? If it was reset, please send the new one.',
  'secret_check.stopped':
    'The App secret {secret} no longer works with WeChat (App ID {app_id}); it was probably reset. Please send us the new one.',
  'secret_check.frozen':
    'WeChat says the App secret of App ID {app_id} is frozen. Please unfreeze or reset it in the MP admin (开发管理 → 开发设置) and send us the current one.',
  'secret_check.wrong_app_id':
    'WeChat does not know the App ID {app_id}. Could you check it in the MP admin (开发管理 → 开发设置 → AppID) and send it again?',
  'secret_check.pm.wrong_secret':
    '{client}: WeChat refused the App secret {secret} of {app_id} (errcode {errcode}). I asked the client for it again.',
  'secret_check.pm.stopped':
    '{client}: the App secret {secret} of {app_id} stopped working (errcode {errcode}); it was probably reset. I asked the client for the new one.',
  'secret_check.pm.frozen':
    '{client}: WeChat says the App secret of {app_id} is frozen. I asked the client to unfreeze or reset it.',
  'secret_check.pm.wrong_app_id':
    '{client}: WeChat does not know the App ID {app_id} (errcode {errcode}). I asked the client to check it.',
  'secret_check.pm.ip_not_allowed':
    "{client}: WeChat refused to check the App secret of {app_id} from our server's IP {ip}. Add that IP to the MP's IP whitelist (开发管理 → 开发设置 → IP白名单), or ask the client to; the check runs again every working-day morning.",
  'secret_check.pm.working_again': '{client}: the App secret {secret} of {app_id} works again.',
  'secret_check.unknown_ip': '(see the server log)',
  'secret_check.note.wrong_secret': 'rejected by WeChat, errcode {errcode}',
  'secret_check.note.stopped': 'stopped working with WeChat, errcode {errcode}',
  'secret_check.note.frozen': 'frozen in WeChat, errcode {errcode}',
  'secret_check.note.wrong_app_id': 'unknown to WeChat, errcode {errcode}',
  'template_check.known': 'WeChat knows these subscription-message templates: {list}',
  'template_check.sep': ', ',
  'template_check.none': '(none yet)',
  'template_check.unknown':
    'WeChat does not know the template ID {ids} on App ID {app_id}. The templates on this Mini Program are: {titles}. Please copy the IDs again from 订阅消息 → 我的模板 in the MP admin.',
  'template_check.pm.unknown':
    '{client}: WeChat does not know the template ID {ids} on {app_id} (templates there: {titles}). I asked the client again.',
  'template_check.pm.ip_not_allowed':
    "{client}: WeChat refused to list the templates of {app_id} from our server's IP {ip}. Add that IP to the MP's IP whitelist (开发管理 → 开发设置 → IP白名单), or ask the client to; the check runs again every working-day morning.",
  'template_check.note.unknown': 'unknown to WeChat: {ids}',
} as const;

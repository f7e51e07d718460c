/** 与微信核对 AppSecret：微信拒绝时客户看到的话，以及给 PM 的话。 */
export const secretCheck = {
  'secret_check.wrong_secret':
    '微信未能验证 AppID {app_id} 的 AppSecret {secret}。请在小程序后台「开发管理 → 开发设置」重新复制 AppSecret；如已重置，请发送新的 AppSecret。',
  'secret_check.stopped':
    'AppSecret {secret} 已无法通过微信验证（AppID {app_id}），可能已被重置。请把新的 AppSecret 发给我们。',
  'secret_check.frozen':
    '微信提示 AppID {app_id} 的 AppSecret 已被冻结。请在小程序后台「开发管理 → 开发设置」解冻或重置，并把当前的 AppSecret 发给我们。',
  'secret_check.wrong_app_id':
    '微信找不到 AppID {app_id}。请在小程序后台「开发管理 → 开发设置」核对 AppID 后重新发送。',
  'secret_check.pm.wrong_secret':
    '{client}：微信拒绝了 {app_id} 的 AppSecret {secret}（errcode {errcode}），已请客户重新提供。',
  'secret_check.pm.stopped':
    '{client}：{app_id} 的 AppSecret {secret} 已失效（errcode {errcode}），可能已被重置，已请客户提供新的。',
  'secret_check.pm.frozen': '{client}：微信提示 {app_id} 的 AppSecret 已被冻结，已请客户解冻或重置。',
  'secret_check.pm.wrong_app_id': '{client}：微信找不到 AppID {app_id}（errcode {errcode}），已请客户核对。',
  'secret_check.pm.ip_not_allowed':
    '{client}：微信拒绝了我们服务器 IP {ip} 对 {app_id} 的 AppSecret 核对。请把该 IP 加入小程序的 IP 白名单（开发管理 → 开发设置 → IP白名单），或请客户添加；每个工作日早上会再核对一次。',
  'secret_check.pm.working_again': '{client}：{app_id} 的 AppSecret {secret} 已恢复可用。',
  'secret_check.unknown_ip': '（见服务器日志）',
  'secret_check.note.wrong_secret': '微信验证未通过，errcode {errcode}',
  'secret_check.note.stopped': '已在微信失效，errcode {errcode}',
  'secret_check.note.frozen': '已在微信冻结，errcode {errcode}',
  'secret_check.note.wrong_app_id': '微信找不到该 AppID，errcode {errcode}',
  'template_check.known': '微信已确认以下订阅消息模板：{list}',
  'template_check.sep': '，',
  'template_check.none': '（暂无）',
  'template_check.unknown':
    '微信在 AppID {app_id} 下找不到模板 ID {ids}。这个小程序现有的模板是：{titles}。请在公众平台 订阅消息 → 我的模板 中重新复制模板 ID。',
  'template_check.pm.unknown':
    '{client}：微信在 {app_id} 下找不到模板 ID {ids}（现有模板：{titles}），已请客户重新发送。',
  'template_check.pm.ip_not_allowed':
    '{client}：微信拒绝从我们服务器的 IP {ip} 读取 {app_id} 的模板列表。请把该 IP 加入小程序的 IP 白名单（开发管理 → 开发设置 → IP白名单），或请客户添加；每个工作日早上会再检查。',
  'template_check.note.unknown': '微信找不到：{ids}',
} as const;

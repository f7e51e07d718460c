/**
 * The phrases clients use around their answers, as data: intents ("skip", "不需要", "加好了", "help"),
 * corrections ("写错了，应该是", "actually"), negations and filler ("好的", "thanks").
 * Matched on normalised text (see normalize.ts); English is matched case-insensitively.
 */
import type { Intent } from '../facts.js';

// === Filler: greetings, thanks and acknowledgements around an answer

const FILLER_WORD =
  '您好|你好|hi|hello|hey|dear|好的|好滴|好嘞|嗯嗯|嗯|哦|噢|哈哈|哈|谢谢您|谢谢你|谢谢啦|谢谢|多谢|感谢|辛苦了|辛苦啦|辛苦|麻烦了|麻烦你了|收到|' +
  'thank you|thanks a lot|thanks|thx|sorry|抱歉|不好意思|ok|okay|sure|great|cheers|fyi|please see below|see below|here you go|here it is|here are|如下|以下|附上';
const PUNCT = '[\\s.,;:!?~，。；：！？、…·\\-—【】\\[\\]\\p{Extended_Pictographic}\\u{FE0F}]';
const FILLER_HEAD = new RegExp(`^(?:${PUNCT}|(?:${FILLER_WORD})(?![a-z0-9_-]))+`, 'iu');
/** Greetings open a message, they do not close it: "… come say hi!" keeps its "hi". */
const TAIL_WORD = FILLER_WORD.replace(/^您好\|你好\|hi\|hello\|hey\|dear\|/, '');
const FILLER_TAIL = new RegExp(`(?:${PUNCT}|(?<![a-z0-9_-])(?:${TAIL_WORD}))+$`, 'iu');

/** Drops greetings, thanks and punctuation at both ends. */
export function stripFiller(s: string): string {
  return s.replace(FILLER_HEAD, '').replace(FILLER_TAIL, '').trim();
}

export function isFiller(s: string): boolean {
  return stripFiller(s) === '';
}

// === Intents

const HELP =
  /帮助|求助|(?:怎么|咋|怎样)(弄|搞|操作|做|找|填|加|添加|设置|查|看|申请|获取|开通|办|整)|在哪(里|儿)?(找|看|查|能|可以|设置|添加)?[?？]?$|哪里(找|看|查|能)|如何(找|获取|查看|添加|设置|操作)|不知道(在哪|怎么|如何)|不会(弄|操作)|看不懂|什么意思|啥意思|为什么(要|需要)|\bhelp\b|\bwhat do(es)? (you|that|this|it) mean\b|\bwhy do (you|we) need\b|\bhow (do|can|to|should)\b|\bwhere (do|can|is|are|to)\b/i;
const SKIP =
  /\bcoming (?:on )?(?:mon|tues?|wed|thurs?|fri|sat|sun)(?:day)?\b|\bcoming (?:tomorrow|tmr|next week|later)\b|等会儿?(?:再)?(?:说|发|给)|等一?下(?:再)?说|\bwill (?:tell|let) you(?: know)?\b|\b(?:i'?ll|we'?ll) (?:tell|let) you(?: know)?\b|\bonce (?:\w+ ){0,3}(?:decides?|confirms?|agrees?|signs? off)\b|定了(?:再|告诉|跟你)|跳过|稍后(?!再试|重试)|晚点|再说|下周(再)?(说|告诉|答复|确认|定|决定)|还没决定|没想好|不确定|不知道|问问|晚些|回头(再)?(发|给|补|提供|回复|说)|之后(再)?(发|给|补|提供|回复)|等(一)?下(再)?(发|给|补)|(明天|下周)(再)?(发|给|补|提供|回复)|改天|稍等|迟(?:些|点|一点)|(?:处理|进行|作业)中|再(?:跟|和|同)(?:你|您)们?(?:说|讲|确认|联系|回复)|不知(?!道)|不清楚|我(先)?(看|问|查|确认|找)(一)?下|问(一)?下(同事|老板|领导|财务|技术)|还在(找|确认|问|审核|做|弄|改|准备|设计|看)|(?<![正现实存])在(?:看|评估|研究)(?![到见过])|这两天|过两天|以后(再)?|还没(定|确定|想好)|(再|内部)(review|看看|确认|讨论|商量|研究)|\b(review|discuss|check)(ing)? (it |this )?internally\b|待定|未定|审核中|准备中|设计中|(周[一二三四五六日天末]|月底|月初|下周|明天|后天|今天|晚上|下午|回头)(之)?前?(再)?(发|给|补|提供|交|反馈|回复|答复|定稿)|(后面|之后|以后|回头)(再)?(发|给|补|提供|回复|说|弄|加|讲|聊|谈|定|决定|商量)|我(让|叫|找)\S{0,8}(开|发|给|弄|加)|看一?下再(回复|说|答复|告诉|确认)|(?:再|会|之后|回头)(?:回复|答复|回|给|发|告诉)(?:你|您)|(?:这周|本周|这个月|本月|月内|今天|今晚|这两天)(?:内|之内)?(?:再)?(?:发|给|补|提供|回复|答复)|下一(?:项|题)|会(?:再)?(?:回复|答复|反馈)|(?<![已])没(?:有)?(?:搞|弄|做|设|配|准备|画|设计|定)(?:好|完)|还没|还未|尚未|暂未|没来得及|还在|在走流程|待审核|在审核|(?:在|正在)审(?![a-z])|\b(?:reviewing|under review|being reviewed)\b|\bnot (?:[\w-]+ )?yet\b|\bpending\b|\bstill (?:working|waiting|in|being|under|pending|deciding|discussing)\b|\bin progress\b|\bwaiting for\b|\bwill be\b|\bnot done\b|\b(?:tomorrow|tonight|next week)\b|\bskip\b|(?<!\btry again )\blater\b|^(next week|tomorrow)$|\b(send|give|tell|reply|share|confirm|decide)\b.{0,20}\b(tomorrow|next week)\b|\bask (my|our) (boss|manager|team|colleagues?)\b|\bnot sure\b|\bdon['’]?t know\b|\bno idea\b|\bhaven['’]?t decided\b|\bnot now\b|\bnext one\b|get back to you|let me check|\b(?:need|have) to (?:check|ask|confirm)\b|i'?ll check|checking with|\btbd\b|\bnot (sure|decided)( yet)?\b|\bin review\b|\bworking on it\b|\bnot ready\b|\b(tomorrow|next week)\b.{0,20}\b(send|give|reply|share)|\b(?:we|i)(?:'ll| will) (?:send|share|get|come|circle|follow|confirm|check|ask|let you|update|revert|provide|have|decide|discuss|think|figure)\b|\bcircle back\b|\bhold off\b|\bafter (?:that|the (?:holiday|holidays|weekend|break|launch|meeting|beta|trial|pilot|review))\b|\b(?:until|till|by|on|before|after) (?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:give|allow) (?:me|us) (?:till|until|a (?:day|few days|week|bit))\b|\bonce\b[^.;]{0,40}\b(?:opens?|ready|done|launch(?:es)?|decided?)\b|\b(?:we|i)(?:'ll| will) (?:list|add|put|compile|collect)\b|(?:整理|汇总|做|弄|准备)[^,，。;]{0,8}(?:给你|发你|给您|发您)(?!了)|\b(?:next|late next|end of (?:the|next)) month\b|\bon leave\b|\bwill come\b|\bto follow\b|再聊|(?:周[一二三四五六日天]|明天|后天|下周|月底)(?:再)?(?:回复|答复|确认|回你)|还要过一遍|(?:老板|领导|法务|老大|市场部?)(?:要|得|需要|还要)(?:先)?(?:看|审|过目|确认)|内部(?:还要|先)?(?:过|评审|审)|等[^,;。!?\s]{1,6}(?:确认|决定|拍板|定下来|回复)|等\s?[a-z][a-z ]{0,20}?\s?(?:确认|决定|拍板|定下来|回复|审)|等(?:待)?[^,;。!?\s等]{1,6}?(?:定|报价|出|给|发|审|批|反馈|通知)(?=$|[,;。!?\s]|了|下来|好|完|再|之后|以后)|(?:回头|之后|后面|以后|晚点|再)(?:再)?(?:跟|和|同)[^,;。!?\s]{1,8}(?:商量|讨论|确认|对一下|沟通|聊)|发给[^,;。!?\s]{0,4}(?:老板|领导|法务|老大|市场部?|上面|总监|经理)[^,;。!?\s]{0,2}(?:审|看|过目|确认)|\b(?:sent|passed|forwarded|gave) (?:it |them |this )?to (?:my|our|the) (?:boss|manager|legal|team|director|marketing)\b[^.;]{0,12}\b(?:review|approval|sign-?off|check)\b|\bwaiting (?:for|on) (?:my|our|the|their) \w+ to (?:decide|confirm|quote|reply|approve)\b|^[^,;。\n]{0,8}(?:(?:先|暂时?)不(?:填|写)|先(?:空着|留空))(?:了|吧)?[\s.。!]*$|\bleave (?:it|this) (?:blank|empty) for now\b/i;
const NA_EXACT =
  /^((我们|我们这边|这个|这块)?(暂时|目前|还|也|都)?(没有|没|无|不需要|不用|不涉及|不适用|不要|暂无|用不到|无需|没有需求|(没有|没|未|不)(注册|开通|用|使用|申请|做|接|接入|开|上|搞|弄|参与)(过)?)(任何|第三方的?|额外的?|其他的?)?(了|的|哦|这个)?|这个(没有|不需要)|没这个|n\/?a|none|no|nope|nothing|not applicable|not needed|no need|not required|don'?t need( it| this| that)?|we don'?t (have|need|use)( one| it| that| this| any| any of (it|them|those))?)$/i;
const NA_PART =
  /不需要(?!改|修改|调整|动)|不要(?:接|加|装|开|做)(?!完)|(?<![还也])不(?:加|接|做|开|搞|弄|上|装)了(?![\u4e00-\u9fa5])|不用(?:搞|弄|做|加|开|接|装)(?:了|啦|吧)?(?![\u4e00-\u9fa5])|不涉及|用不到|用不上|用不着|不适用|无需|不用了|\bwe don'?t use\b|\bdon'?t use (it|any|one|that)\b|\bnot applicable\b|\bnot needed\b|\b(?:is|are|was)(?:n'?t| not) (?:needed|required|necessary)\b|\b(?:don'?t|do not|doesn'?t|does not) plan to (?:use|have|add|do|take|send|open|enable|offer)\b|\bno need\b|\bno third[- ]party (?:analytics|tracking|stats|statistics)\b|\bn\/a\b|\bnot required\b|\b(?:don'?t|do not) need\b(?! to\b)(?![^.;,]{0,20}\b(?:before|until|till|yet|at launch)\b)|\bdoes(n'?t| not) apply\b|\b(?:don'?t|do not) apply(?= to (?:us|our|me)\b|\s*(?:[.,;!]|$))|\bnone needed\b|\b(?:don'?t|do not|won'?t|never) (?:open|link to|load|embed) any\b|\bno (?:[\w-]+ ){0,2}(?:needed|required)\b|\bnot using\b|\b(?:don'?t|do not|won'?t|will not)\s+(?:send|take|accept|collect|offer|run|do)\b|\b(?:don'?t|do not|won'?t) (?:have|need|use) any\b|\bat all\b|\bonline[- ]only\b|\bonly online\b|\bno (?:physical |offline |brick[- ]and[- ]mortar |nearby )?(?:stores?|shops?|outlets?)\b|\bno nearby locations?\b|\bno physical (?:locations?|address(?:es)?|premises)\b(?=\s*(?:[.,;!—–-]|$|we\b))|\b(?:won'?t|will not|are not going to|aren'?t going to) (?:use|need|be using)(?: (?:the |our |any )?(?!(?:now|yet|today|initially|to|more|less)\b)[\w-]+(?: (?!(?:now|yet|today|initially|at|for|until|till|in|on|to|than)\b)[\w-]+)?)?(?=\s*(?:[.,;!]|$))|一个都不要|(?:那个|这个|这块|那块|这项)\s*(?:我们)?(?:都|也)?不要(?=\s*(?:[,，。.!！~]|$|哈|啦|吧))|^不要\s*[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?(?=\s*(?:[,，。]|$))|\boffline only\b|\bonly\b[^.;,]{0,24}\boffline\b|纯线上|只做线上|不(?:跳|跳转|打开|链接)(?:到)?(?:任何)?外部|没有(?:任何)?外部(?:链接|网页|页面)|\bno external (?:links?|urls?|pages?|sites?|websites?)\b|没有(?:线下)?门店|不做短信|不发短信|不(?:发|用|做)(?:订阅|模板)消息|(?<![先暂])别(?:加|接)(?:了|啦)(?![\u4e00-\u9fa5])|不收款|不在小程序(?:里|上)?(?:收款|支付)|不允许(?:做|开|接|上|加)|不开放(?:分享|转发)?(?![\u4e00-\u9fa5])/i;
const DONE_EXACT =
  /^(done|好了|好啦|加好了|已(经)?发(过|送)?(了)?|已添加|已加|加了|已完成|完成|完成了|搞定|搞定了|弄好了|添加好了|添加了|已经加好了|已经添加了|已经加了|都加好了|已处理|处理好了|设置好了|配置好了|已设置|已配置|已确认|确认|确认了|确认过了?|没问题|finished|added|all done|completed|complete|all set|it'?s done|already done|done already|sorted|all sorted|works now|working now|all good|all fine|fine|good to go|ready)$/i;
const DONE_PART =
  /\b(?:have been|has been|are all|were all|all)\s+(?:set up|assigned|configured|created)\b|\b(?:set up|assigned) (?:as )?per (?:your|the) list\b|(?:设定|设置|配置)完成(?![后之以])|(?:加|设|配)好晒|已(?:经)?按(?:照)?(?:清单|要求|列表|你们的?(?:清单|要求|list|列表))(?:添加|配置|设置|加)(?:好|完)?了?|(?<![没未还不别])(?:测|测试|试|验)过了|(?<![A-Za-z])ok\s*了|\b(?:are|is) (?:all )?in(?=\s*(?:[.,;!✅]|👍|👌|$))|(?<![没未还不别])上传(?:好)?了|\b(?:bind|bound|add(?:ed)?|set ?up|config(?:ured)?|upload(?:ed)?|submit(?:ted)?)\s*(?:好了|了)|(?<![没未])(?:配|加|设|开|弄)齐了|已经?\s*(?:upload|submit|send|add|approve|confirm|set ?up|config)|已(经)?(添加|加好|加上|加了|加过|添加过|完成|设置|配置|处理|确认|发送|发给|发到|发了|提交|接入|开通|弄好|搞定|上传)|(加|弄|整|配|设|设定|搞|处理|添加|设置|配置|接|换|替换|更新|传)好(?:了|啦|喇|咯)|加上了|添加了|搞定|没问题|(就|都)(行|可以)(了)?$|(?<![不没未])同意|(申请|办|做|准备|设计|画|弄)好了|已(经)?生效|生效了|测试(正常|通过|没问题)|发(给)?(你|您|到|在)[^,.;!?，。；！？]{0,10}(了|啦)|发(了)?邮件(了|啦)|已经?[^,;。.!?]{0,12}(确认|发|上传|提交)(过)?了|发(到)?(邮箱|群里|群|微信|钉钉|飞书|网盘)(里)?了|(就|都)?按你们的(来|做|方案)|都加好了|(?<![没未还不别])加了$|(?<![没未还不别想要再])加了(?=\s*[,;。.!?~])|(?<![没未还不别])加入(?:了|啦)|(?<![没未还不别说再])定(?:稿)?了(?=\s*(?:$|[,;。!~]))|(?<![没未还不别])(?:加|添加|弄|搞|设置|配置|配)完(?:了|啦)|(?<![没未还不别])(?:添加|设置|配置|处理|完成)完毕|已发(?:至|到|给)?(?:贵司|贵方|你们|您|你)|已经?加入|\bin the shared (drive|folder)\b|\b(done|added|finished|completed|all set|configured|confirmed|approved|uploaded|sent|emailed|shared|whitelisted|looks good|lgtm|works|working now|implemented|integrated|wired up|hooked up)\b|(?<![没未还不别要再去])做(?:了|完了)(?=\s|[,;。.!?~]|$)|(?:传|上传|放|发)(?:到|在|进)?了?[^,;。.!?]{0,6}(?:群文件|群里|群|邮箱|网盘|共享盘|文件夹|文档|云盘|drive|folder)(?:里|中)?了|绑(?:定)?好了|绑定了|勾(?:上|选|好)了|已经有了|(?<![没未还不别])看到了|(?:都|全)(?:ok|好了|正常)|(?:那边|这边|那块|这块|那个|这个|也)\s*(?:已经)?(?:ok|好)(?:了|啦|喇|咯)[\s!。.~]*$|(?:现在|已经)正常|(?:请求|接口)?都(?:通了|通)|\b(?:shows?|showed|appears?|appeared|pops? up|popped up|came up) (?:up )?(?:on|when|at)\b|\blooks? (?:fine|ok|okay)\b|\b(?:are|is) (?:all )?set up\b|(?<![没未还不别])加(?:到|进)了?[^,;。.!?]{0,10}(?:里|中)?了|(?<![没未还不别])发过了|(?<![没未还不别])发出去了|已经?发出|邀请了|绑定成功|(?:都|一切)正常|正常了|\ball (?:good|fine|sorted)\b|\bsorted\b|\btested\b|\bgo(?:es)? through\b|(?<!\b(?:don'?t|do not|not sure|whether|if) (?:think )?)\b(?:it'?s|is|are|they'?re|seems? to be|looks? like (?:it'?s|they'?re)) (?:all )?working(?=\s*(?:now|fine|well|again|properly|ok)?\s*(?:[.,;!~。，]|$))|\b(?:are|is) coming through(?:\s+(?:to|on|in|into) (?:our|the|my) [\w-]+)?(?=\s*(?:now|fine|ok)?\s*(?:[.,;!~。，]|$))|试过了?\s*(?:ok|没问题|可以|正常)(?![吗么?？])|已测(?:试)?(?:通过|没问题|正常|ok)|测(?:试)?通(?:过)?了(?![吗么?？])|(?:测|试|验证)[^。!?？]{0,60}[,，]\s*(?:都)?正常[\s。.!！~]*$|不(?:用|需要)改(?:了|啦)?(?=\s*(?:[。.!！~]|$|[,，]\s*就按))|就按你们(?:写|做|设计|给)的(?!\S{0,3}[吗么?？])|也\s*ok(?:了|啦)?[\s!。.~]*$|\bno changes?\b|(?<![没未还不别])加(?:了|好了|上了)(?:你们|你|您)/i;
/** "403那个好像还会白屏", "dev_qian 提示已达上限", "still failing": something does not work yet. */
const PROBLEM =
  /(?:还|仍然?|依然|依旧)(?:会|是|有)?[^,;。.!?]{0,6}(?:白屏|报错|闪退|失败|不行|不对|有问题|卡住|打不开)|白屏|闪退|已达上限|达到上限|超过上限|加不上|加不了|添加失败|绑定失败|搜不到|查无此人|\bcan'?t find (?:the |that |this )?(?:id|user|account)\b|\bstill (?:\w+ )?(?:fail(?:s|ing)?|broken|errors?|blank|crash(?:es|ing)?)\b|\b(?:doesn'?t|does not|didn'?t) work\b|\bnot working\b/i;
const NOT_DONE =
  /没点(?:同意|确认|接受)|\bneeds? (?:confirming|to be (?:confirmed|accepted))\b|等(?:他们|她们|他|她|对方|成员)[^,，。;；]{0,10}(?:确认|同意|接受)|\bcan'?t (?:tell|say|confirm)\b|没(?:有)?说(?:过)?[^,;。!?]{0,12}(?:加好|弄好|搞定|完成|好了|确认)|\b(?:not saying|didn'?t say)\b[^,.;!?]{0,24}\b(?:done|added|verified|finished|ready|set up)\b|不是(?:都|全部?)(?:加|弄|做|设置|配置)?(?:好|完)|\bnot all\b|\bby (?:eod|cob|eow|end of (?:the )?(?:day|week)|tonight|the weekend|noon|monday|tuesday|wednesday|thursday|friday)\b|\b(?:whether|if) (?:[\w-]+ ){0,6}(?:is|are|was|were|has been|have been) (?:all )?(?:done|added|set up|finished|ready|configured)\b|是否(?:已经?)?[^,;。]{0,6}(?:加|完成|弄|设置|配置|开通)|\bthat'?s (?:all|it) (?:so far|for now)\b|\bnot (?:\w+ )?yet\b|\bhaven'?t (?:\w+ )?(?:tested|done|added|sent|uploaded|configured|checked|tried)\b|\bbut only\b|\bonly (?:on|for) (?:ios|android)\b|大部分|\bmost of (?:it|them)\b|\bnot tested\b|\buntested\b|\bexcept\b|\bapart from\b|\bbut not\b|除了|除.{0,12}(?:外|以外|之外)|还差|只差|就差|还缺|少了?一个|还剩|还未|尚未|暂未|还在|\bnot (done|ready|finished|yet)\b|\bwill be\b|\btomorrow\b|\bpending\b|\bwaiting\b|(还没|没有|尚未|未|暂未|还未)(有)?(加|添加|完成|设置|配置|弄|处理|开通|接入|发|确认|搞)|(?<![已])没(?:搞|弄|做|加|设|配|传|发)(?:好|完|定)|\b(not yet|haven'?t|have not|hasn'?t|has not|not)\s+(been\s+)?(done|added|finished|set|configured|sent|confirmed)\b/i;

/**
 * "…but we couldn't find 'View MP'", "就是没找到数据分析那个": a part of the item the client could not find — the item is
 * done but for that part, so it is not done.
 */
const PART_MISSING =
  /\b(?:couldn'?t|could not|can'?t|cannot|didn'?t|did not) find\b|找不到|没(?:有)?找到|\bno such (?:role|option|setting)\b/i;

export function saysPartMissing(text: string): boolean {
  return PART_MISSING.test(text);
}

/** "还没申请" is not yet, never "does not apply". */
const NOT_YET_WORDS = /还没|还未|尚未|暂未|\bnot yet\b/i;

/** "✅", "👌", "OK ✔": a mark that says done when it stands alone (with filler or an OK); a thumbs-up only acknowledges. */
const DONE_MARK = /[\u2705\u2714\u2611\u{1F44C}]/gu;

/** "收到👌", "got it 👍": the client acknowledges our message; the mark confirms nothing. */
const ACKNOWLEDGES = /收到|知道了|了解|明白|\bgot it\b|\bnoted\b|\breceived\b|\bunderstood\b/i;

export function hasDoneMark(text: string): boolean {
  return text.match(DONE_MARK) !== null && !NOT_DONE.test(text) && !PROBLEM.test(text);
}

export function marksDone(text: string): boolean {
  if (!text.match(DONE_MARK) || NOT_DONE.test(text) || PROBLEM.test(text) || ACKNOWLEDGES.test(text)) return false;
  const rest = stripFiller(text.replace(DONE_MARK, ' '));
  return rest === '' || DONE_EXACT.test(rest);
}

/**
 * "先不做 以后再加", "这期先不接", "not in this release": the item is left out of this release — for an
 * item that accepts n/a (`acceptsNa`), it does not apply (a bare "skip" is only "later": docs/reader.md).
 */
const NOT_THIS_RELEASE =
  /先不(?:做|开|接|用|要|上|弄|搞|加)|(?:这|本)(?:期|次|版)(?:先)?不(?:做|开|接|用|要|上)|上线后再|\bnot (?:in|for) (?:this|the first) (?:release|version|phase|launch)\b|\b(?:in|for) (?:the|a) (?:next|later) (?:release|version|phase)\b/i;

/**
 * Left out for now, but not decided: the value is still to be sent ("订阅消息先不做，模板以后再给"), or a decision
 * or check comes first ("先不加, legal needs to review … first", "先不接，要等老板确认") — later, not n/a.
 */
const NOT_DECIDED =
  /(?:以后|之后|回头|后面|稍后|晚点|晚些|明天|下周)(?:再)?(?:给|发|补|提供)|\b(?:will|'ll) (?:send|share|provide)\b|\bfirst\b|\bneeds? to (?:review|approve|check|decide|confirm|sign off)\b|(?:要|得|需要)先|(?:要|得)?等[^,;。.!?，；！？]{0,10}(?:确认|审|批|定|决定|同意|评估)|还要(?:审|评估|确认|讨论|商量)/i;

export function saysNotThisRelease(text: string): boolean {
  return NOT_THIS_RELEASE.test(text) && !NOT_DECIDED.test(text);
}

/** A clause that, with the filler gone, is nothing but an intent. */
export function intentOf(text: string): Intent {
  const core = stripFiller(text);
  if (core === '') return marksDone(text) ? 'done' : 'none';
  if (HELP.test(core)) return 'help';
  if (saysNotThisRelease(core)) return 'n/a';
  if (SKIP.test(withoutRestLater(core))) return 'skip';
  if (!NOT_YET_WORDS.test(core) && (NA_EXACT.test(core) || NA_PART.test(core))) return 'n/a';
  if (saysDone(core)) return 'done';
  return 'none';
}

/** "all done", "不需要": words that are nothing but an intent. */
export function isOnlyIntent(text: string): boolean {
  const core = stripFiller(text);
  return DONE_EXACT.test(core) || NA_EXACT.test(core);
}

/**
 * "I can't tell you whether the roles or the developers are done", "不知道有没有加好": the client does not know, so a
 * done word inside what they cannot tell says nothing.
 */
const UNKNOWN =
  /\bwhether\b|\b(?:can'?t|cannot|couldn'?t|don'?t|do not) (?:tell|say|confirm|check|see)\b|\bno idea\b|不知道(?:是否|有没有|加没加|好没好|弄没弄)|不确定(?:是否|有没有)/i;

/** "加好了", "already added", "ok 已完成" — and not "还没加好". */
export function saysDone(text: string): boolean {
  if (NOT_DONE.test(text) || PROBLEM.test(text) || UNKNOWN.test(text)) return false;
  // "开发者加了 👌": the mark after the words does not hide them.
  return (
    DONE_EXACT.test(stripFiller(text)) || DONE_PART.test(text) || DONE_PART.test(stripFiller(text)) || marksDone(text)
  );
}

/** "还没加", "except …", "403 还会白屏": the words say something is not done (or not working). */
export function saysNotDone(text: string): boolean {
  return NOT_DONE.test(text) || PROBLEM.test(text);
}

/**
 * "你们前端重新登录就行", "you just need to redirect to login": for a task in the MP, the client telling us
 * what to do confirms nothing was done; the words go before "done" is looked for.
 */
export function withoutInstructions(text: string): string {
  return text.replace(INSTRUCTS, ' ');
}

const INSTRUCTS =
  /你们[^,;。.!?]{0,16}就(?:行|好|可以)(?:了|啦)?|\byou (?:just |only )?(?:need to|have to|should|must)\b[^,;.!?]*/gi;

/** "按微信标准的来，不用自定义", "standard popup, no custom one": the standard version chosen, not the item refused. */
export const NOT_CUSTOM =
  /(?:不用|不需要|不要|无需)\s*(?:再)?(?:自定义|定制|单独设计|专门设计|单独做|custom\w*)|\bno custom\w*|\bnot custom\w*/gi;

/** "不需要", "not applicable", or a bare "没有" / "no". */
export function saysNotApplicable(raw: string): boolean {
  const text = raw.replace(NOT_CUSTOM, ' ');
  if (NOT_YET_WORDS.test(text)) return false;
  return NA_PART.test(text) || NA_EXACT.test(stripFiller(text));
}

/** Only "不需要" / "没有" / "no", nothing else: for free text, where "不需要资质" is an answer. */
export function saysOnlyNotApplicable(raw: string): boolean {
  const text = raw.replace(NOT_CUSTOM, ' ');
  return !NOT_YET_WORDS.test(text) && NA_EXACT.test(stripFiller(text));
}

/** "在哪里找?", "how do I…": the client asks how to find or do something. */
export function asksHow(text: string): boolean {
  return HELP.test(text);
}

/** A reply that is no answer yet: "稍后发", "let me check" — not a value with the rest to follow (`withoutRestLater`). */
export function saysLater(text: string): boolean {
  return SKIP.test(withoutRestLater(text)) || HELP.test(text);
}

// === A value given, the rest to follow

/** "第三个", "剩下的", "the others", "the rest": the part of an answer still to come. */
const REST =
  /第[二三四五六七八九十\d]+(?:个|家|条|位|张)|剩下|剩余|其余|其他的?|其它的?|另外(?:一|两|几)(?:个|家|条|位)|还有(?:一|两|几)(?:个|家|条|位)|\bthe (?:second|third|fourth|fifth|last|other|remaining)\b|\b(?:the )?rest\b|\bothers\b|\bone more\b/i;
/** "明天发", "will send", "to follow": the rest is sent later (not "你们再确认下": a request is no deferral). */
const REST_LATER =
  /(?:后面|之后|回头|稍后|晚点|晚些|明天|后天|下周|改天)(?:再)?(?:发|给|补|提供|告诉|说|加|传|弄|搞|做|配)|\b(?:later|tomorrow|next week|to follow)\b|\b(?:will|'ll) (?:send|share|email|give|provide)\b/i;
/** "IP 后面发", "登录信息明天给": one named part of the item, deferred in a clause of its own. */
const PART_LATER =
  /^\s*[A-Za-z\u4e00-\u9fa5]{1,8}\s*(?:的话)?\s*(?:后面|之后|回头|稍后|晚点|晚些|明天|下周|改天)(?:再)?(?:发|给|补|提供|告诉)/i;
/** "二期再说", "v2 再加", "in phase 2": a later phase deferred — this release's answer stands (`第一版没有，二期再说`). */
const LATER_PHASE =
  /(?:二期|三期|下一?期|后期|下个?版本|下一版|后续版本|以后的版本|\bv2\b)\s*(?:再)?(?:说|做|加|上|考虑|弄|搞)|\b(?:in |for )(?:phase (?:2|two)|v2|the next (?:phase|version|release)|a later (?:phase|version|release))\b/i;
/** "加好了，剩下的明天加", "roles added, the rest tomorrow": the rest is still to come — the item is not done. */
export function defersTheRest(text: string): boolean {
  return text.split(CLAUSE_SPLIT).some(restLater);
}
/** A clause that sends the rest of the answer later ("剩下的明天加", "the third one tomorrow"). */
function restLater(clause: string): boolean {
  return REST.test(clause) && REST_LATER.test(clause);
}
const CLAUSE_SPLIT = /[,，;；(（)）]|\s[—–-]+\s/;

/** Clauses: at commas, semicolons, a dash between spaces, and brackets (a remark). */
const CLAUSE_CUT = /[,，;；]|\s[—–-]+\s|[(（][^()（）]*[)）]/g;

/**
 * "a, b (will send the third one tomorrow)", "腾讯云 2核4G 广州，IP 后面发", "'…' — others later", "第一版没有，二期再说": the
 * words without the clauses, after the first, that defer only the rest, one named part or a later phase — a value with
 * the rest to follow is a value, not "later".
 */
export function withoutRestLater(text: string): string {
  let out = '';
  let from = 0;
  // The first clause that says anything is the answer's own, whatever it says.
  let said = false;
  const keep = (clause: string) => {
    const first = !said;
    if (stripFiller(clause) !== '') said = true;
    return first || !(LATER_PHASE.test(clause) || PART_LATER.test(clause) || restLater(clause));
  };
  for (const m of text.matchAll(CLAUSE_CUT)) {
    const clause = text.slice(from, m.index);
    if (keep(clause)) out += clause;
    // A bracketed remark is a clause of its own.
    out += m[0].length > 2 && /^[(（]/.test(m[0]) && !keep(m[0].slice(1, -1)) ? ' ' : m[0];
    from = m.index + m[0].length;
  }
  const last = text.slice(from);
  return keep(last) ? out + last : out;
}

/**
 * "应该开通了吧", "加好了吧应该", "大概就首页和商城吧", "maybe it's wx…?", "wx… 让小王再确认一下", "let me double check",
 * "…，不过要等财务确认能不能共用" (whether it may be used is still to be confirmed): the
 * client guesses, or hands the value to someone to check — a guess is no fact (a wrong fact is worse than a miss).
 * A firm "已经…了" before the guess keeps its fact ("我已经都邀请了…应该没问题了吧", corpus F); "maybe later" is a
 * plan, and a trailing "I think" with no question ("Retail > Beauty I think", corpus D) names the value all the same.
 */
const HEDGE_ZH =
  /(?:应该|大概|好像|可能|估计|也许|或许)[^,;。.!?，；]{0,16}吧|吧\s*(?:我觉得|我猜|我想|我估计|感觉)|(?:我觉得|我猜|应该是|好像是|可能是|大概是)[^,;。.!?，；]{0,60}\?|不(?:太|是很)?确定(?!是否)|没(?:有)?把握|(?:要|得|需要|还要)等[^,;。.!?，；]{0,8}(?:确认|核实|批准|同意|拍板)(?:能不能|可不可以|行不行|是否)|吧\s*(?:应该|可能|大概)|让[^,;。.!?，；\s]{1,6}(?:再)?(?:确认|核实|核对|查)|(?<!你们|您|麻烦)再[^,;。.!?，；]{0,6}(?:确认|核实|核对)/;
const HEDGE_EN =
  /(?<!\bor )\bmaybe\b(?!\s+(?:later|next|in the future))|\bto be confirmed\b|\btbc\b|\bpending (?:confirmation|sign-?off)\b|\bdouble[- ]check|\bnot (?:100% |totally |entirely )?sure\b|\b(?:i think|i guess|i believe)\b(?:[^.!?]|\.(?=\S))*\?|^\s*(?:is it|is that|would it be|should it be)\s+(?:[^.!?\s]|\.(?=\S))+\s*\?/i;
const FIRM_BEFORE = /已经?[^,;。.!?，；]{0,12}了/;

export function hedges(sentence: string): boolean {
  const zh = HEDGE_ZH.exec(sentence);
  if (zh && !FIRM_BEFORE.test(sentence.slice(0, zh.index))) return true;
  return HEDGE_EN.test(sentence);
}

/**
 * "上个项目的体验者是 …", "Our sister brand uses …", "the other agency used wx… for our old MP", "我们集团另一个品牌「…」的小程序":
 * a clause about another project, brand or the agency before us gives its values, not ours. So does one about a
 * competitor's, the Official Account's or the native app's ("这个是公众号的 secret", "是我们App用的验证码模板"), or the
 * value before ("以前那个是 …，上个月被重置过了"), a test account's ("The test account secret is …", "测试号的 AppID") or another
 * platform's mini program ("支付宝那边的类目").
 */
const OTHER_OWNER =
  /上一?个项目|(?:之前|以前|原来)(?:那个|的)?项目|(?:别的|其他|其它|另一个|另外一个)(?:项目|品牌)|姐妹品牌|兄弟品牌|(?:之前|以前|原来|上一家|另一家|老)的?(?:外包|服务商|代理商?|供应商|开发商|乙方)|\b(?:sister|other|another|previous|old|last|former) (?:brand|project|agency|vendor|supplier|client)\b|竞品|竞争对手|\bcompetitors?'?s?\b|公众号的\s*(?:app\s?id|appsecret|secret|密钥)|(?:这个|这|那个)(?:是|就是)公众号的|是(?:我们|我们的)?\s*(?<!mini\s?)(?:app|APP|App)\s*(?:用的|的)|(?:以前|之前|原来)(?:那个|的)是\s*[0-9a-z]{8}|(?:以前|之前|原来|旧)的(?:商户号|app\s?id|小程序)\s*[0-9a-z]{6,}\s*(?:已经?|也)?(?:注销|作废|不用|停用)|\b(?:the )?(?:oa|official account)(?:'s)? app ?id (?:is|:)|\btheir (?:category|app ?id|merchant|domains?|templates?|mini ?program|secret)\b|(?<![跟和与同])(?:支付宝|抖音)(?:小程序)?那边的|\balipay (?:mini ?program'?s|side'?s)\b/i;

/** A test account's values are not the release's — unless the clause also gives the production one (chosen by words). */
const TEST_ACCOUNT =
  /\b(?:the |our )?test (?:account|mp|mini ?program)(?:'s)? (?:secret|app ?id|id)\s*(?:is|:)|\b(?:is|was) (?:from |for )?(?:the |our )?test (?:account|mp|mini ?program)\b|测试(?:号|账号)的\s*(?:app\s?id|secret|密钥|id)?\s*(?:是|:)|是(?:我们的?)?(?:之前|以前|原来)?的?测试(?:号|账号)(?:的)?(?![^,;。]{0,4}(?:权限|登录|用))/i;
/** The production value named beside it ("Prod is wx…", "正式的是 wx…"), or the test account denied. */
const PRODUCTION =
  /\b(?:the )?(?:real|right|correct) one\b[^,;。]{0,6}?(?:\bis\b|:)|正确的[^,;。]{0,4}?(?:是|:)|\b(?:prod(?:uction)?|live)\b[^,;。]{0,12}?(?:\bis\b|:)\s*\S|\((?:prod|production|live|正式)\)|正式[^,;。]{0,8}?(?:是|:)\s*\S|\bnot (?:the |our )?test\b|不是[^,;。]{0,6}测试|转正/i;

export function isOtherOwnerClause(clause: string): boolean {
  return OTHER_OWNER.test(clause) || isTestAccountClause(clause);
}

/** "The test account secret is …", "是测试号的": a test account's value — unless the production one is named beside it. */
export function isTestAccountClause(clause: string): boolean {
  return TEST_ACCOUNT.test(clause) && !PRODUCTION.test(clause);
}

// === Names listed in a reply

const LIST_GAP_BEFORE = /[\s、,/&和及与]+$/;
const LIST_GAP_AFTER = /^[\s、,/&和及与]+/;

/**
 * "管理员 运营 开发 数据分析 体验成员 都加上了": a word at [start, end) standing in a run of `names` (an item's `members`,
 * lower case), with only spaces, 、, commas or 和 between, is one of them.
 */
export function isAmongNames(text: string, start: number, end: number, names: readonly string[]): boolean {
  const before = text.slice(Math.max(0, start - 24), start).toLowerCase();
  const gapBefore = LIST_GAP_BEFORE.exec(before);
  const head = gapBefore ? before.slice(0, gapBefore.index) : undefined;
  if (head !== undefined && names.some((n) => head.endsWith(n) && !/[a-z]/.test(head.at(-n.length - 1) ?? '')))
    return true;
  const gapAfter = LIST_GAP_AFTER.exec(text.slice(end, end + 6));
  if (!gapAfter) return false;
  const tail = text.slice(end + gapAfter[0].length, end + gapAfter[0].length + 24).toLowerCase();
  return names.some((n) => tail.startsWith(n) && !/[a-z]/.test(tail[n.length] ?? ''));
}

// === Corrections and negations

const CORRECTION =
  /写错|打错|填错|发错|搞错|弄错|输错|更正|纠正|应该是|改成|改为|换成|(?<!对)不对|(?<![没不])错了|是错的|正确的(?!话)|以这个为准|以此为准|重新发|\bactually\b|\bcorrection\b|\btypo\b|\b(the )?wrong (one|id|app ?id|number|merchant|template|secret|domain|address|account)\b|\b(was|is|were) wrong\b|\bmistake\b|\bshould be\b(?!\s+(done|ready|fine|ok|okay|finished|approved|available|live|active|good|sent|added|up)\b)|\bthe right\b|\bcorrect (one|id|app)\b|\bi meant\b|\bis (the )?right\b(?! now)|\bthe old one\b/i;

export function isCorrection(text: string): boolean {
  return CORRECTION.test(text);
}

/**
 * "之前说有UGC是我搞错了 其实没有", "刚才说认证了是我记错了，还没认证", "scratch that — …": what was said before the
 * client's "I got it wrong" is taken back; only the words after it answer.
 */
const RETRACTED =
  /(?:之前|刚才|刚刚|上次|前面|earlier|before)[^。.!?\n]{0,30}?(?:是我|我)?(?:搞|记|弄|写|说|看|填|打)错了|(?:之前|刚才|刚刚|上次|前面)说[^。.!?\n]{1,20}?(?:不对|有误|是错的)|\b(?:earlier|before) i said\b[^.!?\n]{1,30}?,\s*actually\b|\bscratch that\b|\bignore (?:what i said|my last (?:message|msg)(?: about [^.!?\n–—-]{1,20})?)\b|\bi was wrong\b/i;

export function withoutRetracted(text: string): string {
  const m = RETRACTED.exec(text);
  if (!m) return text;
  const after = text.slice(m.index + m[0].length);
  // "我们其实有社区模块的 … 之前说没有是错的": taken back at the end, the words before it are the answer.
  return /^[\s,.;!。，；！~]*$/.test(after) ? text.slice(0, m.index) : after;
}

const NEGATED_BEFORE =
  /不是[^,;。!?\s\d]{1,8}\s*$|(?:不是|而不是|\bnot\b|\binstead of\b|\brather than\b|\bignore\b|忽略|别用|不要用)\s*(?:the |that |this )?$/i;
/** "之前的 wx…", "the old one wx…", "wrong ID: wx…": the value named after these words is the one replaced. */
const OLD_BEFORE =
  /(?:之前(?:发|给|填|写|说)?的|原来(?:发|给|填|写)?的|旧的|\bold\b|\bprevious\b|\bwrong\b)(?:\s*(?:那个|这个|one|app ?id|id|merchant ?id|number|商户号|appid|is|was|:|-))*\s*$/i;
/** "wx… 错了", "wx… was a typo", "(… is wrong)": the value just before these words is ruled out. */
const WRONG_AFTER =
  /^\s*(?:→|->|=>|⇒|➡️?)|^[\s.…,，。]*(?:scratch that|not that one)\b|^[\s.…,，。]*说错了|^[\s.…,，。]*(?:(?:oh |oops,? )?(?:wait,? no|no,? wait)\b|(?:哦|啊|呃)?不对不对|(?:哦|啊|呃)不对)(?=[^.;。?？]{0,40}?(?:\b(?:that'?s|it'?s|this is|is)\b[^.;。]{0,16}\b(?:old|test|wrong|other|previous|staging|demo|another)\b|(?:那|这)(?:个)?是[^，。]{0,6}(?:测试|旧|隔壁|别的|以前|其他)|\b(?:it'?s|is)\s+wx[0-9a-f]{16}|是\s*wx[0-9a-f]{16}))|^[\s)）"”’]*(?:[,，]\s*(?=这个|那个|那串))?(?:(?:不好意思|抱歉|对不起|sorry|oops)[\s,!.]*)?(?:这个|那个|那串)?\s*(?:是)?(?:错了|错的|是错的|不对|写错了|打错了|填错了|发错了|有误|(?:已经?)?(?:重置)?作废了?|(?:已经?)?失效了|不用了|(?:is|was) (?:wrong|incorrect|a typo|outdated)\b|wrong (?:one|number|id)\b)/i;

/**
 * "是 1587654321，不是 1578654321", "之前的 wx1111… 错了", "wx1111… was a typo": the value at
 * text[pos, end) is the one the client rules out.
 */
/**
 * "测试号是 wx…，正式的是 wx…", "公众号appid：wx…", "老的那个 1534567890", "另一个品牌的小程序是 wx…": a value the
 * client names as the test one, the old one or another account's or brand's is not the one to record (prod wins for a release).
 */
const OTHER_BEFORE =
  /(?<!(?:\bnot|\bnot the|\bnot an?|不是|并非|非|而不是)\s*)(?:测试|体验版|沙箱|公众号|服务号|订阅号|老的|旧的|之前|原来|\btest(?:ing)?\b|\bsandbox\b|\bstaging\b|\bdev(?:elopment)?\b|\bold\b|\bprevious\b|\bofficial account\b)[^,;。.!?\n]{0,10}$/i;
/** "我们旗下另一个品牌的小程序 AppID 是 wx…", "our other brand has merchant ID …": another brand's or app's. */
const OTHER_BRAND_BEFORE =
  /(?:另一个|另外一个|另外的?|其他|其它|别的)(?:品牌|小程序|账号|主体|公司|项目|门店)[^,;。.!?\n]{0,20}$|\b(?:another|our other|a different) (?:brand|app|mini ?program|mp|account|company|project)\b[^,;。.!?\n]{0,24}$/i;
/** "SMS_… 这个是上个项目的 别用", "… is from our last project, don't use it": another project's value, or one not to use. */
const OTHER_PROJECT_AFTER =
  /^[\s,，)）]*(?:这个|那个|这是|那是|it'?s|that'?s|is|was)?\s*(?:是|from)?\s*(?:上个|上一个|以前的?|别的|其他|另一个|(?:our |the |a )?(?:last|previous|old|other|another))\s*(?:项目|客户|品牌|小程序|\bproject\b|\bclient\b|\bbrand\b|\bapp\b)|^[^,;。.!?\n]{0,16}(?:别用|不要用|不能用|用不了了|\bdon'?t use\b|\bdo not use\b)/i;
/**
 * "Our Alipay mini program ID is 2021…", "抖音小程序的 AppID 是 tt…", "支付宝商户号 2088…": an ID of another platform's
 * mini program or payment account is none of this WeChat MP's — nothing to record and nothing to refuse.
 */
const OTHER_PLATFORM =
  '(?:支付宝|抖音|字节(?:跳动)?|头条|百度|快手|QQ|\\b(?:alipay|douyin|tiktok|bytedance|baidu|kuaishou)\\b)(?:的)?\\s*(?:小程序|\\bmini[- ]?program\\b|\\bmini[- ]?app\\b|\\bapp\\b|app\\s*id|商户|账号|\\baccount\\b|\\bpid\\b|\\bid\\b)';
const OTHER_PLATFORM_BEFORE = new RegExp(`${OTHER_PLATFORM}[^,;。.!?\\n]{0,24}$`, 'i');

/** A word for one of our IDs (App ID, secret, merchant ID) said of another platform's account: "Alipay mini program ID". */
export function namesOtherPlatform(before: string): boolean {
  return OTHER_PLATFORM_BEFORE.test(before);
}

const OTHER_PROJECT_BEFORE =
  /(?:上个|上一个|别的|其他|另一个)项目[^,;。.!?\n]{0,10}$|\b(?:last|previous|other|another) project\b[^,;.!?\n]{0,16}$/i;
const PROBLEM_AFTER =
  /^[^。.!?\n]{0,16}(?:不存在|报错|失败|无效|用不了|\bdoesn'?t exist\b|\bnot found\b|\binvalid\b|\berror\b|\bfailed\b)/i;
const OTHER_AFTER =
  /^\s*\(\s*(?:test(?:ing)?|staging|sandbox|dev|uat|测试(?:号|版|环境)?|体验版|沙箱|开发(?:版|环境)?)\s*(?:[,，][^()]{0,12})?\)|^[\s)）]*(?:是|为|is|was)?\s*(?:测试|体验版|公众号|服务号|旧的|老的|之前的|the )?\s*(?:测试用|测试号|测试的|公众号的|(?:is |was )?(?:the )?(?:test|old|sandbox|staging) ?(?:one|id|account)\b)/i;

/** "wx…, that's our test account", "1634512098 是门店收银用的": the value belongs to something else. */
const OTHER_USE_AFTER =
  /^[\s,)）(（]*(?:(?:that'?s|that is|it'?s|it is|which is|is|was)\s+(?:for\s+)?(?:our|the|a|an)?\s*(?:test|testing|old|staging|sandbox|dev|official account|pos|store|website|app)\b|^[\s)）]*(?:是|为)\s*(?:我们|我司|咱们)?\s*(?:门店|线下|收银|总部|分店|加盟店?|公众号|服务号|app|APP|h5|H5|网站|官网|另一个|另一家|别家|其他|隔壁|测试)[^,;。]{0,8}(?:用的|的|在做))/;

/**
 * "Our Official Account is verified", "我们另一个小程序是认证过的", "Open Platform account is still being verified":
 * a clause about another account (the Official Account, Open Platform, another MP or brand) says nothing of this
 * Mini Program's registration or verification — unless it names the Mini Program as well ("小程序和公众号都认证了").
 */
const OTHER_ACCOUNT =
  /公众号|服务号|订阅号|开放平台|(?:另一个|另外一个|另外的?|其他|其它|别的|旗下)(?:品牌|项目)?(?:「[^」]{1,12}」|“[^”]{1,12}”|"[^"]{1,12}")?的?(?:小程序|账号|主体|品牌)|(?:姐妹|兄弟)品牌|\b(?:official account|open ?platform)\b|\b(?:another|our other|a different|the other|sister) (?:brand|app|mini ?program|mp|account)\b|\bOA\b/gi;
const THIS_MP = /小程序|\bmini[- ]?program\b|\bMP\b/i;

export function isOtherAccountClause(clause: string): boolean {
  OTHER_ACCOUNT.lastIndex = 0;
  if (!OTHER_ACCOUNT.test(clause)) return false;
  return !THIS_MP.test(clause.replace(OTHER_ACCOUNT, ' '));
}

/**
 * "prepay_id=wx2026…", "the MD5 of the build: 3f2a…", "订单号 4200…": a value the client names as another kind of thing
 * (a payment's order or prepay ID, a file's hash or signature, a user's openid) is none of the checklist's IDs,
 * whatever its shape. The name may stand a few words before it, in the same clause.
 */
const OTHER_KIND_BEFORE =
  /(?:\bprepay_?id\b|\bmd5\b|\bsha-?(?:1|256|512)\b|\bhash\b|\bchecksum\b|校验(?:码|值|和)|签名|\bsignature\b|\bsign\b|订单号|单号|交易号|流水号|\btransaction[ _]?id\b|\border[ _]?(?:id\b|no\b\.?|number\b)|\bnonce(?:_?str)?\b|\baccess_?token\b|\bopen_?id\b|\bunion_?id\b|\bsession_?key\b)[^,;。.!?\n]{0,40}$/i;
/**
 * "APIv3密钥是 c5c7…", "merchant API key: …": the WeChat Pay merchant's API key is 32 hex like an App secret, but the
 * merchant's — named right before it (only "is" or a colon between), so "the merchant API key 🙈 Correct AppSecret: …" is not.
 */
const MERCHANT_KEY_BEFORE =
  /(?:\bapi ?v[23]|(?:商户|支付|商户平台)\s*(?:api\s*)?(?:v[23])?|\bv[23]\s*)\s*(?:密钥|秘钥|\bkey\b)\s*(?:是|为|:|=|\bis\b)?\s*$|\bapi ?v[23]\b\s*(?:是|为|:|=|\bis\b)?\s*$|\b(?:merchant|mch|payment|pay)\s*(?:api\s*)?(?:v[23]\s*)?key\s*(?:是|为|:|=|\bis\b)?\s*$/i;

/** "是公众号的😓 小程序的是 wx…": the Mini Program named after the other account, nearer the value, owns it. */
const OTHER_WORD =
  /测试|体验版|沙箱|公众号|服务号|订阅号|老的|旧的|之前|原来|\btest(?:ing)?\b|\bsandbox\b|\bstaging\b|\bdev(?:elopment)?\b|\bold\b|\bprevious\b|\bofficial account\b/gi;
const MP_WORD = /小程序|\bmini ?program\b|\bMP\b/gi;

function lastAt(re: RegExp, text: string): number {
  let at = -1;
  for (const m of text.matchAll(re)) at = m.index;
  return at;
}

function ownedNearer(before: string): boolean {
  const mp = lastAt(MP_WORD, before);
  return mp >= 0 && mp > lastAt(OTHER_WORD, before);
}

const BRACKETED_END = /\([^()]{0,16}\)\s*$/;

export function isRuledOut(text: string, pos: number, end = pos): boolean {
  const before = text.slice(Math.max(0, pos - 24), pos);
  // (Long enough for "… wait no, that's our old POS's" to say why.)
  const after = text.slice(end, end + 64);
  return (
    NEGATED_BEFORE.test(before) ||
    OLD_BEFORE.test(before) ||
    // "wx… (staging) wx…": a bracketed remark right before the value is about the value before it.
    (OTHER_BEFORE.test(before.replace(BRACKETED_END, ' ')) && !ownedNearer(before)) ||
    OTHER_BRAND_BEFORE.test(text.slice(Math.max(0, pos - 56), pos)) ||
    OTHER_PLATFORM_BEFORE.test(text.slice(Math.max(0, pos - 40), pos)) ||
    OTHER_KIND_BEFORE.test(text.slice(Math.max(0, pos - 56), pos)) ||
    MERCHANT_KEY_BEFORE.test(text.slice(Math.max(0, pos - 24), pos)) ||
    OTHER_PROJECT_BEFORE.test(text.slice(Math.max(0, pos - 32), pos)) ||
    OTHER_PROJECT_AFTER.test(text.slice(end, end + 40)) ||
    WRONG_AFTER.test(after) ||
    OTHER_AFTER.test(after) ||
    OTHER_USE_AFTER.test(after) ||
    PROBLEM_AFTER.test(after)
  );
}

// === Asides: messages to a colleague

/** A message that starts by addressing someone by name ("@Amy …", not the bot's own Slack mention "<@U…>"). */
const ADDRESSED = /^\s*@[^\s@>]+/;
/** Words that hand a colleague a task or a question: "你确认下", "把 … 发给乙方", "can you send …". */
const TO_COLLEAGUE =
  /你|把|帮|麻烦|大家|进度|怎么样|给我|发(?:一)?下|发给|发到|发我|报一下|列一下|看(?:一)?下|确认下|整理|[?？]|\b(?:can|could|would|will) you\b|\bplease\b|\bsend\b|\bpull\b|\bshare\b|\bcheck\b|\bdid\b|\bis our\b/i;

/**
 * "@刘洋 把 AppID wx… 发给乙方", "@Tom can you pull the AppSecret?": a task or a question for a colleague
 * is not an answer to us, whatever IDs it holds. "@发布助手 AppID：wx…" (naming the bot, no task) is.
 */
/** What a message to us after "@发布助手" carries: a label with its value, or a token no chat word makes. */
const FOR_US = /[:：]\s*\S|wx[0-9a-f]{16}|\b\d{6,}\b|\b[0-9a-f]{32}\b|SMS_\d+|\b[\w-]{43}\b|ICP/i;

export function isAside(text: string): boolean {
  const m = ADDRESSED.exec(text);
  if (m === null) return false;
  const rest = text.slice(m[0].length);
  // Addressed to someone, the words are read only when they carry a value for us: "@设计小美 分享图进度怎么样了"
  // asks a colleague even without a question mark.
  return TO_COLLEAGUE.test(rest) || !FOR_US.test(rest);
}

/** A negation anywhere: "没有", "还没", "no", "not", "don't". */
export const NEGATION = /没有|没|无|不涉及|不需要|不包含|不含|未|不用|不是|\bno\b|\bnone\b|\bnot\b|n'?t\b|\bwithout\b/i;

/**
 * "用我们公司的 logo", "keep the current one", "上次发的那个 PNG", "已经给过你们了", "for now": the client names an asset of
 * their own, or puts it off — for an item that is the custom version of something (items.ts `custom`), no refusal of it.
 */
const OWN_ASSET =
  /logo|标志|品牌|\bbrand\b|附件|\battach|\bpng\b|\bjpe?g\b|上次|之前发|给过|发过|原来的|现有的|\bour own\b|\bkeep the (?:current|existing|old)\b|\bsame as the\b|同款/i;

export function offersAsset(text: string): boolean {
  return OWN_ASSET.test(text) || saysNotDone(text) || saysLater(text);
}

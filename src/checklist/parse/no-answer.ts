/**
 * Words that answer nothing, whatever the bot asked: questions, deferrals, small talk and leftovers
 * too thin to mean anything. A free-text item never stores them: "I'll ask my boss" is not an
 * MP category, "what do you mean by functions pages?" is not a Functions Page.
 *
 *   isNoAnswer('我们还没决定，下周告诉你') // true
 *   isNoAnswer('餐饮-快餐')               // false
 */
import { saysLater, stripFiller } from './phrases.js';

/** Quoted text is the client's copy ("改成“请稍后再试？”"), not their own question or deferral. */
const QUOTED = /["“”「」『』‘’][^"“”「」『』‘’]*["“”「」『』‘’]/g;
/** A web address ("https://…/sa?project=production"): the client's detail — its "?" asks nothing, its path is no ID. */
const LINK = /\bhttps?:\/\/\S+/gi;

export function withoutLinks(text: string): string {
  return text.replace(LINK, ' ');
}
const QUESTION =
  /[?？]|吗|什么|怎么|为什么|为啥|^\s*(?:what|how|why|which|who|whom|where|when|can|could|would|should|do|does|is|are)\b/i;
const SMALL_TALK =
  /^(?:sorry|抱歉|不好意思|thanks?|thank you|谢谢)?\s*(?:for (?:the |my )?(?:delay|late reply|waiting|your patience)|久等了|回复晚了|让你久等了)$|^(?:yes|yeah|yep|no|nope|是|是的|对|对的|不是|行|嗯+|哦+|好+|喔+)$|^(?:got it|noted|received|understood|will do|收到|知道了|了解|明白了?)$/i;

/** Letters and digits count one, a Chinese character two: "餐饮" means something, "ok" or "好" does not. */
function meaningfulWeight(s: string): number {
  let weight = 0;
  for (const c of s) weight += /[\u4e00-\u9fa5]/.test(c) ? 2 : /[\p{L}\p{N}]/u.test(c) ? 1 : 0;
  return weight;
}

/** "你们帮我选", "你们申请就好了", "up to you": the client hands the choice or the work to us. */
const DELEGATION =
  /你们(?:帮(?:我|我们)?|来|去|看着)?(?:选|挑|定|决定|申请|弄|搞|处理|填|写|办|做主|安排)(?:吧|就好|就行|就可以|好了|一下)?|(?:帮|替)(?:我|我们)(?:选|定|决定|申请|填|写)|看着办|你们定|随便|都行|都可以|\bup to you\b|\byour call\b|\byou (?:can |could |guys )?(?:choose|pick|decide|apply|handle it|fill it|set it up)\b|\bwhatever you\b|\bloop(?:ing)? in\b|\bpass(?:ing)? (?:this|it) (?:on )?to\b|\bforward(?:ing)? (?:this|it) to\b|拉[^,，。]{0,8}进(?:群|来)|(?:找|问)\s*@\S{1,12}|\bask @\S+|(?:他|她)(?:比较|最|更)?(?:清楚|了解|熟悉)|转给[^,，。]{0,8}(?:处理|回复|看)/i;
/** Chit-chat that answers nothing, whatever the bot asked. */
const CHIT_CHAT =
  /下班|周末愉快|周五了?|吃饭|午饭|晚饭|放假|节日快乐|早上好|晚安|加班|天气|\bhappy (?:friday|weekend|holidays?)\b|\bhave a (?:nice|good|great) (?:day|weekend)\b|\blunch\b|\blol\b|\bhaha+\b/i;
/** "GA4 on our website, but nothing for China yet": a value the client takes back in the same breath. */
/** (Or without the "but": "Baidu Tongji on the old website, nothing for the MP yet", "官网用的百度，小程序还没有".) */
const TAKEN_BACK =
  /(?:\bbut\b|\bthough\b|\bhowever\b|但是|不过|但)[^.;。!?]*(?:\bnothing\b|\bnone\b|\bno\b|\bnot\b|n't\b|没有|还没|没|无)|[,;]\s*(?:(?:nothing|none|no \w+) (?:for|on|in) (?:the )?(?:mp|mini[- ]?program)|小程序(?:这边|上)?(?:还)?(?:没有|没|无))/i;

/** "it has all the share cards", "里面有所有的分享卡片": words about something sent, not the answer itself. */
const ABOUT_IT =
  /^\s*(?:(?:it|this|that|they|which)\s+(?:has|have|contains?|includes?|covers?)\b|(?:里面|它|那个文件|文件里)(?:有|包含|包括))/i;

/**
 * "dev IDs 我发在邮件里了", "门店地址发Excel给你了", "都在这个表格里了 https://docs.qq.com/…", "问我们技术 Leo，他微信 …",
 * "it's all in the spreadsheet": the value is somewhere else (an email, a sheet, an attachment, a shared doc, a person
 * to ask) — a pointer, not the value. For an item whose answer is a file (the icon, share images) sending it is the
 * answer (`files: 'upload'`, see understand.ts); for the others nothing is recorded.
 */
const POINTER =
  /(?:发|放|传|写|列|贴|整理)(?:在|到|进|给你|给您|你|您)?了?[^,;。!?]{0,6}(?:邮件|邮箱|excel|表格|附件|文档|网盘|共享盘|云盘|群文件)|(?:都)?在[^,;。!?]{0,8}(?:邮件|邮箱|excel|表格|附件|文档|网盘)(?:里|中)|(?:你|您)(?:们)?(?:看|查)(?:一?下)?(?:邮件|邮箱)|https?:\/\/\S*(?:docs?|sheets?|spreadsheets?|drive|shimo|wiki|dropbox|pan\.baidu)\S*|(?:问|找|联系|咨询)(?:一下)?(?:我们|我司)(?:的)?(?:技术|运维|开发|同事|IT|财务|运营|负责人|产品|设计)|\b(?:in|via|by) (?:the |an? |our )?(?:e-?mail|excel|spreadsheet|sheet|attachment|shared (?:doc|drive|folder))\b|\b(?:emailed|attached)\b|\b(?:ask|contact|talk to|reach out to|ping) (?:our|my) (?:tech|it|dev|ops|developer|engineer|colleague|finance|pm)\w*\b/i;

/**
 * "店铺地址跟之前一样 你们那边有", "same as last time, you have it": the value is one we are said to hold, not given here.
 * A value after the words ("same as before – prod.… on Huawei Cloud") is given (read-text's leads).
 */
const SAME_AS_BEFORE =
  /(?:跟|和|同)(?:之前|以前|上次|上回|原来|上个版本)[^,;。!?\s]{0,6}一样(?=[\s,;。!~]*(?:$|你们|您|的|就行|就好))|(?:你们|您)(?:那边|那里|手上|手里|系统里)?(?:都|应该)?有(?:的|了|啊|呀)?[\s。!~]*$|\byou (?:guys )?(?:already |should )?have (?:it|them|that|those|this)\b|\bsame as (?:before|last time|the last (?:one|release))\s*[.!]*$/i;

/** The words point at the value somewhere else, or at one we hold: no value, no "done". */
export function pointsElsewhere(text: string): boolean {
  const own = text.replace(QUOTED, ' ');
  return POINTER.test(own) || SAME_AS_BEFORE.test(own);
}

/** The words take back what they say: a free-text value in the same sentence is not an answer. */
export function takesBack(text: string): boolean {
  return TAKEN_BACK.test(text.replace(QUOTED, ' '));
}

/**
 * A question, a deferral, small talk, a pointer to the value elsewhere, or fewer than 3 meaningful characters once
 * the filler is gone. `pointers: false` for an item whose answer is a file sent elsewhere ("icon attached").
 */
export function isNoAnswer(text: string, { pointers = true }: { pointers?: boolean } = {}): boolean {
  const own = withoutLinks(text.replace(QUOTED, ' '));
  if (ABOUT_IT.test(stripFiller(own))) return true;
  if (
    QUESTION.test(own) ||
    saysLater(own) ||
    DELEGATION.test(own) ||
    CHIT_CHAT.test(own) ||
    TAKEN_BACK.test(own) ||
    (pointers && pointsElsewhere(text))
  )
    return true;
  const core = stripFiller(text);
  return SMALL_TALK.test(core) || meaningfulWeight(core) < 3;
}

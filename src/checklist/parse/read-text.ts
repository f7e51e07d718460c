/**
 * Readers for free text, confirmations, and the leftovers of the token-shaped items (an App ID or
 * secret that was mistyped, Open Platform "no").
 *
 *   readText({ parts: ['', '餐饮-餐饮服务'], … }) // [{ kind: 'value', value: '餐饮-餐饮服务' }]
 */
import { maskSecret } from '../../release/secrets.js';
import { itemDef } from '../items.js';
import { APP_ID, EXAMPLE_APP_ID } from '../rules.js';
import {
  hasDoneMark,
  NEGATION,
  intentOf,
  isOtherOwnerClause,
  saysDone,
  saysLater,
  saysNotApplicable,
  saysNotDone,
  NOT_CUSTOM,
  offersAsset,
  saysOnlyNotApplicable,
  stripFiller,
  withoutInstructions,
} from './phrases.js';
import { doubtOf, onlyNamesMarkedDone } from './doubt.js';
import { findHits, VALUE_WORDS } from './keywords.js';
import { lowerAscii } from './normalize.js';
import { isNoAnswer } from './no-answer.js';
import {
  bodyOf,
  deniesItem,
  type Draft,
  invalid,
  labelMarkedDone,
  notApplicable,
  opensWithRefusal,
  type ReadInput,
  value,
} from './read-input.js';

/** The client's words, trimmed — unless they say "n/a", "done", "later", ask a question or say nothing. */
/** "刚才说的类目不对，应该是 教育-在线教育": the value is what follows the correction. */
const CORRECTED_TO =
  /(?:应该是|應該是|正确的是|正確的是|(?:改成|改为|换成|改用|換成|改為)了?|(?:写|打|填|搞|弄|发|说|选)错了?\s*,?\s*(?:应该|正确的)?是|\bshould be\b|\bcorrect one is\b|\bit'?s actually\b)\s*:?\s*(.+)$/i;

/** "更正：生产环境不是上海，是 阿里云 华北2（北京）": after a correction's contrast, the value is what it is now. */
const CONTRASTED_TO = /^(?:更正|纠正|correction)\s*:?[^,;]{0,12}?不是[^,;]{1,24}[,;]\s*(?:而|我们)?是\s*(.+)$/i;

/** "刚才说错了，正式环境是华为云不是阿里云", "上面文案发错了，是“…”不是5元": a mistake owned, then "is Y, not X": Y. */
const IS_NOT =
  /(?:^|[,;]\s*)(?:[^,;。]{0,12}?)(?:是|用的是|应该是)\s*([^,;。]+?)\s*,?\s*(?:而)?不是\s*[^,;。]{1,20}[。.!]?$/;

function isNotCorrection(words: string): RegExpExecArray | null {
  return OWNS_MISTAKE.test(words) || /更正|纠正/.test(words) ? IS_NOT.exec(words) : null;
}

/** A correction's new value wholly in quotes is what they hold. */
function unquoted(words: string): string {
  return /^["“「『]([^"“”「」『』\n]+)["”」』]$/.exec(words.trim())?.[1] ?? words;
}

/**
 * Words before the answer that are no part of it: "already set: …", "已选：…" (a status), "就是你们说的那个 …",
 * "same as before – …" (a pointer to what was said before).
 */
const LEAD_REMARK =
  /^(?:(?:改一下|更正一下|更新一下|纠正一下|update|correction)\s*[,:]\s*|(?:already\s+)?(?:set|selected|chosen|picked|submitted|applied)(?:\s+(?:to|as))?\s*:\s*|(?:已经?)?(?:设置|选|选好|设好|填|提交|申请)(?:了|好了|的是)?\s*:\s*|(?:就是|就用|用)?(?:你们|你)(?:说|推荐|建议|提)的(?:那个|这个)?\s+|(?:same as (?:before|last time|the app|our app)|同上|和之前一样|跟之前一样|跟上次一样|和上次一样)\s*[-–—:,]\s*|(?:这块|这一块|这边|这个|那块)?(?:我们)?(?:做的|选的|用的|填的|报的|定的)是\s*|(?:我们|我司|咱们)(?:选的|报的|填的|定的|选了|报了|填了|选择的|注册的)\s*|还是(?:用|选)(?:的是)?\s*|(?:就)?用(?:的是)?[^,;。\s]{0,12}(?:自带|内置|原生)的\s*|(?:just )?(?:use |using )?the built-in\s+|(?:is\s+)?actually\s+|still\s+|(?:已经?)?定(?:了|好了|的是)\s*:?\s*|就用\s+|就\s+(?=\S)|(?:这个|这)吧?\s*:\s*)/i;
/** "… I think", "GrowingIO 吧": a mild hedge after the answer; the answer stands without it. */
const HEDGE = /\s*,?\s*\b(?:i think|i guess|i believe)\s*$|\s+吧(?=\s|$)|(?<=\S)吧$/i;
/** "可能是 …", "maybe …", "好像是 …": the client is not sure — a guess is no fact. */
const UNSURE =
  /\b(?:we'?re|we are|still|torn) (?:deciding )?between\b|在(?:比较|对比|纠结)|听说|聽說|据说|據說|二选一|可能|好像|大概|也许|不太确定|\bmaybe\b|\bprobably\b|\bperhaps\b|\bnot sure\b/i;
/** "你们示例写的神策": the client points at the bot's own example, not at their choice. */
const YOUR_EXAMPLE = /你们(?:的)?(?:示例|例子|举的例)|\byour example\b/i;
/** "prod就用你们的服务器吧": the client hands the choice back to us; it gives no details. */
const USES_OURS = /(?:就)?用你们(?:的|那边)|\buse yours\b|\byours (?:is|are) fine\b/i;
/** "(餐饮-点餐平台 in Chinese)": which language the client wrote it in is no part of it. */
const LANGUAGE_NOTE = /\s+in (?:Chinese|English)(?=\))/gi;

/**
 * "旅游景区服务那个类目 (已经选好了)", "体育 > 体育场馆服务 ✔️ (已经审核通过了)": once the status is cut off, a pointer back
 * to the item ("那个类目") or a done mark closing the answer is no part of it.
 */
const POINTER_TAIL =
  /\s*(?:那个|这个)(?:类目|平台)?\s*$|\s*[\u2705\u2714\u2611]\uFE0F?\s*(?:(?:已经?)?(?:审核)?通过了?|好了|done|approved|ok)?\s*$/iu;

function ownWords(words: string): string {
  return words.replace(LEAD_REMARK, '').replace(HEDGE, '').replace(LANGUAGE_NOTE, '').replace(POINTER_TAIL, '').trim();
}

/**
 * "prod就用你们的服务器吧" hands the whole answer back; "Prod: AWS …, staging & static use yours" gives one part and
 * hands back the rest — that is an answer, kept whole.
 */
function handsAllBack(text: string): boolean {
  if (!USES_OURS.test(text)) return false;
  return text.split(/[,;\n]/).every((c) => USES_OURS.test(c) || stripLabel(c).length < 3);
}

function stripLabel(clause: string): string {
  return clause.replace(/^[^:=]{0,16}[:=]/, '').trim();
}

/**
 * "servers: prod = …", "服务器：腾讯云广州，…" read whole: a lead that only names the item goes; one that says which
 * part ("Prod server:", "Prod:", corpora E and F) is the client's own structure and stays.
 */
const NAME_LEAD = /^([^:=\n]{1,24}?)\s*[:=]\s*(?=\S)/;
const SAYS_WHICH = /prod|生产|生產|正式|线上|線上|static|静态|靜態|staging|测试|測試|test|dev|开发|開發/i;
/** A verb of use right after the item's name, then the answer itself (not "你们的": that hands it back). */
const USE_LEAD =
  /^\s*(?:我们|我們|我司)?\s*(?:这边|這邊)?\s*(?:用的是|用的|在用|使用|用(?![户戶不])|放在|部署在|架在)\s*(?=\S)(?!你们|你們|贵司|貴司|your|yours)/i;

/** Another server than the one a label names: the label is then the reply's structure ("Prod: …, staging: yours"). */
const OTHER_SERVER =
  /static|静态|靜態|staging|测试|測試|\btest\b|\bdev\b|开发|開發|其他|其它|\bthe rest\b|\bothers?\b|\bboth\b|三个|三個/i;
const WHICH_LABEL_WORDS = /prod(?:uction)?|生产|生產|正式|线上|線上|\bthe\b|\bour\b|我们的?|我們的?|的|\s/gi;

/**
 * "Prod server: …", "生产服务器：…" with no other server spoken of: the question asked only for the production
 * server, so a colon label naming it says no more than the item's name (the fixtures, corpora G, H). Beside another
 * server ("Prod server: …. Happy to share static/staging", corpora E, F) it stays; "prod server = …" is no label.
 */
function onlyServerSaid(input: ReadInput, lead: RegExpExecArray): boolean {
  if (!lead[0].includes(':') || !SAYS_WHICH.test(lead[1] ?? '')) return false;
  const label = lead[1] ?? '';
  const hits = findHits(label).filter((h) => h.item === input.key);
  const rest = hits.reduce((l, h) => l.replace(h.word, ' '), lowerAscii(label)).replace(WHICH_LABEL_WORDS, '');
  return hits.length > 0 && rest === '' && !OTHER_SERVER.test(input.words.slice(lead[0].length));
}

function withoutNameLead(input: ReadInput): string {
  // "servers 我们 prod 用阿里云 …": the item's name alone, then a space, opens the answer (corpus E).
  const opening = input.bare ? findHits(input.words)[0] : undefined;
  if (
    opening?.item === input.key &&
    opening.start === 0 &&
    !SAYS_WHICH.test(opening.word) &&
    /^\s+\S/.test(input.words.slice(opening.end))
  )
    return input.words.slice(opening.end).trim();
  // "服务器用腾讯云 CVM 广州", "伺服器用AWS東京區": the item's own name and a verb of use open the answer (the
  // fixtures); "生产服务器用…" says which server and stays (corpora E, G), "服务器用你们的" hands it back, whole.
  if (opening?.item === input.key && opening.start === 0 && !SAYS_WHICH.test(opening.word)) {
    const verbLead = USE_LEAD.exec(input.words.slice(opening.end));
    if (verbLead) return input.words.slice(opening.end + verbLead[0].length).trim();
  }
  const which = NAME_LEAD.exec(input.words);
  if (which && onlyServerSaid(input, which)) return input.words.slice(which[0].length);
  const lead = input.bare ? which : null;
  if (!lead || SAYS_WHICH.test(lead[1] ?? '')) return input.words;
  const label = lead[1] ?? '';
  const hits = findHits(label).filter((h) => h.item === input.key);
  const rest = hits.reduce((l, h) => l.replace(h.word, ''), label.toLowerCase());
  // "服务器那条更正下：…": a pointer to what was said and a correction verb say no more than the name.
  return hits.length > 0 &&
    /^(?:\s|信息|详情|情况|info|details|那条|这条|那个|更正一?下?|纠正一?下?|改一?下)*$/i.test(rest)
    ? input.words.slice(lead[0].length)
    : input.words;
}

/** The body is the whole (only filler or a closing 的 trimmed off it). */
function wholeWords(body: string, whole: string): boolean {
  return body === whole || whole.startsWith(body);
}

export function readText(input: ReadInput): Draft[] {
  if (UNSURE.test(input.text) || YOUR_EXAMPLE.test(input.text) || handsAllBack(input.text)) return [];
  const words = withoutNameLead(input);
  const corrected = (CORRECTED_TO.exec(words) ?? CONTRASTED_TO.exec(words) ?? isNotCorrection(words))?.[1]?.trim();
  const body = ownWords(unquoted(corrected ?? words));
  if (body === '') return [];
  // Named ("analytics: not using any"), the item may be denied in any words; bare, only in so many words.
  if (deniesItem(input, input.bare)) return notApplicable(input);
  // Part handed back to us ("…，静态和测试用你们的就行"): kept only whole, as written (less a lead that only names
  // the item) — which of its other words are a label is a guess, and "就行" there is no "done".
  if (USES_OURS.test(input.text)) {
    const whole = (input.bare ? withoutNameLead({ ...input, words: input.text }) : input.text).trim();
    return isNoAnswer(whole) || !wholeWords(body, whole) ? [] : [value(whole)];
  }
  if (intentOf(body) !== 'none' || isNoAnswer(body) || isNoAnswer(input.text)) return [];
  // "…，测试和静态用你们的": a closing 的 is the client's word (用你们的 = use yours), not filler.
  const own = input.text.trimEnd().endsWith(`${body}的`) ? `${body}的` : body;
  return [value(own)];
}

/**
 * A clause that remarks on a name rather than going on with it ("腾讯有数，之前公众号也是接的这个", "Zhuge IO,
 * the project is called …", "Sensors Data — account details to follow"): a subject, a pronoun or a
 * deferral of its own. "GrowingIO，项目ID 8a3f0c21" (the name's own detail) goes on.
 */
const REMARK =
  /已经|执照|当时|时候|注册|不是|\bnot\b|\brather than\b|\binstead of\b|一致|我们|我|之前|以前|原来|也|都|这个|那个|这一|这项|那边|这边|账号|回头|稍后|之后|晚点|明天|下周|营业执照|\b(?:it|it'?s|this|that|same|we|we'?ll|we'?re|i|i'?ll|i'?m|our|the|details?|account|login|soon|follow|called|ask|will|which|as per|matches)\b/i;
const CLAUSE_CUT = /[,;]|\s[—–-]{1,2}\s|(?<=[^\d\s.A-Z])\.\s+/g;
/**
 * Chat Chinese also ends a clause with a space: "GrowingIO 之前APP也是用的这个 账号市场部有" — not right after a
 * category's own separator ("体育 > 体育场馆服务").
 */
const SPACE_CUT = /[,;]|\s[—–-]{1,2}\s|(?<=[^\d\s.A-Z])\.\s+|\s{2,}|(?<![>/|→+&-]\s*)\s+(?=[\u4e00-\u9fa5])/g;
/** "Adobe Analytics last year": when the client switched is not part of the name. */
const TIME_TAIL =
  /(?:[\s,]+(?:switched|moved|changed|started))?\s+(?:(?:last|this|in) (?:year|month|week|quarter|spring|summer|autumn|fall|winter)|recently|already|now)$|[\s,;]*(?:去年|今年|上个月|最近)$/i;
/** "不是零售，是 餐饮 > 饮品店", "not GrowingIO — we switched to Adobe Analytics": the name after the contrast. */
const SWITCHED_TO =
  /(?:不是[^,;]{1,24}[,;]\s*(?:而|我们)?是|不(?:用|需要)(?:改|调整|动)[^,;]{0,3}[,;]\s*(?:还是|就是|仍然是|依然是)|改用了?|换成了?|\b(?:switched|moved|changed|migrated) (?:over )?to\b|\bnow (?:we )?use\b)\s*:?\s*(.+)$/i;
/** "We picked …", "We went with …", "选 …": the choice's verb is no part of the name. */
const CHOSE =
  /^(?:we(?:'ve| have)? (?:picked|chose|chosen|selected|registered|went with|are going with|'re going with|go with|(?:put|set|filled in|used)(?! up\b| to\b| the\b| it up\b| it in\b))(?: is| was| it as| it to)?|picked|chose|went with|going with|(?:就|先)?选(?:了|的是)?(?=\s))\s*:?\s*/i;

/** An e-mail address or a numbered ID: a detail given, not a remark. */
const GIVES_DETAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+|\b(?:id|ID)\s*(?:is|是|:)?\s*[\w-]*\d{4,}/;

function cutRemarks(words: string, spaces = false): string {
  let end = words.length;
  for (const m of words.matchAll(spaces ? SPACE_CUT : CLAUSE_CUT)) {
    // The clause after the cut, up to its own end: a sentence after it ("… brightkids-mp-prod. Our analyst …") is not it.
    const next = words.slice(m.index + m[0].length).split(CLAUSE_CUT)[0] ?? '';
    // "GrowingIO，账号是 data@example.cn": the account itself, given, is the name's own detail (not "账号回头发你").
    if (REMARK.test(next) && !(GIVES_DETAIL.test(next) && !saysLater(next))) {
      end = m.index;
      break;
    }
  }
  return words.slice(0, end).trim();
}

export function readName(input: ReadInput): Draft[] {
  // "Category is 医疗 > 民营医疗机构, approved": where the choice stands, in a clause after it, is no part of it.
  const cut = (s: string) => s.replace(STATUS_AFTER_NAME, '');
  return withoutFullStop(
    readNameAsSaid({ ...input, text: cut(input.text), words: cut(input.words), parts: input.parts.map(cut) }),
  );
}

const STATUS_AFTER_NAME =
  /[,，]\s*(?:(?:already\s+)?(?:approved|confirmed|submitted)|已经?(?:审核)?(?:通过|提交)了?|审核(?:已经?)?通过了?|已审核)\s*[.!。✅]*$/i;

/** "营业执照经营范围是 …", "our business scope is …": what the licence says is no choice of a name. */
const LICENCE_SCOPE = /(?:经营范围|\bbusiness scope\b)\s*(?:是|为|:|\bis\b|\bincludes?\b)/i;
/** "… for now", "… 暂时": how long the choice holds is no part of the name. */
const FOR_NOW = /\s+(?:for now|for the moment|at the moment|as of now)$|\s*(?:暂时|目前|先这样)$/i;
/**
 * "Umeng for the app already", "Mixpanel but open to suggestions", "腾讯有数 already for the OA": after a product's
 * own name, a remark that starts with a linking word is no part of it.
 */
const PRODUCT_REMARK = /\s+(?:for|but|already|too|as well|so|since|because|though|which|like|on|across)\b.*$/i;

function afterProductName(words: string): string {
  const lower = words.toLowerCase();
  const product = [...VALUE_WORDS].find((w) => lower.startsWith(w));
  return product ? words.slice(0, product.length) + words.slice(product.length).replace(PRODUCT_REMARK, '') : words;
}

/** "Adobe Analytics (global HQ requirement)": an English remark in brackets after a name says why, not which. */
const REASON_IN_BRACKETS = /\s*\((?=[^()]*\b[A-Za-z]{2,}\s+[A-Za-z]{2,})[^()\u4e00-\u9fa5]{3,60}\)$/;
/** "生活服务 > 宠物服务（已审核通过）", "… (approved)": where the choice stands, in brackets after it, is no part of it. */
/** "医疗 > 私立医疗机构（需医疗机构执业许可证，已上传）": what the category needs, in brackets after it, is no part of it. */
const NEEDS_IN_BRACKETS = /\s*[(（][^()（）]*(?:需|须|需要|许可证|资质|证照)[^()（）]*[)）]$/;
const STATUS_IN_BRACKETS =
  /\s*\(\s*(?:已经?|都)?\s*(?:审核|审批)?\s*(?:通过|批准|选好|设置好|设好|提交|生效)了?\s*\)$|\s*\(\s*(?:already\s+)?(?:approved|submitted|confirmed|set)\s*\)$/i;
/**
 * "零售 > 食品饮料 (merchant account is also retail)": a bracket the name's segment leaves open was cut at another item's
 * word — a remark about that item, no part of the name.
 */
const OPEN_BRACKET = /\s*\([^()]*$/;
/** "'E-commerce > Apparel'", "“教育 > 在线教育”": a name wholly in quotes is what they hold. */
const WHOLLY_QUOTED = /^(['"“‘「『])([^'"“”‘’「」『』]+)(['"”’」』])$/;
/**
 * "我们的类目跟营业执照一致：…", "我们换了一个类目：…": words around the item's name before a colon say how the client came to
 * the name (a remark, a change); the name is what follows the colon.
 */
const NAME_LABEL = /^([^:,;。\n]{1,30}?):\s*(?=\S)/;
/** "跟公众号一样，都是 ", "same as our Official Account: ": a pointer to another's, before the name itself. */
const SAME_AS =
  /^[^,;。\s>]{0,10}?(?:跟|和|与|同)[^,;。]{1,12}(?:一样|一致|相同)[,;:\s]*(?:都|也)?(?:是|用|选)?[:\s]*|^(?:the )?same as [^,;:]{1,30}[,;:]\s*(?:it'?s\s+)?/i;
/** "关于服务类目", "Regarding the category": a topic opened, with no name after it in its clause. */
const TOPIC_ONLY = /^(?:关于|至于|有关|\bregarding\b|\bas for\b|\babout\b|\bre:)/i;
/** "只用微信自带的We分析", "only the built-in one": that it is the only one is part of the answer; the reply stays whole. */
const ONLY_USE = /^(?:我们)?(?:只|仅|就只|只是)(?:用|使用|接)|^only\b/i;

/**
 * "We're a franchise — the category should match head office: Food & Beverage > Fast food": a longer lead that names
 * the item, then a category path (with its ">") after the colon: the path.
 */
const LONG_LABEL = /^([^:;。\n]{31,120}?):\s*(?=[^:\n]*>)/;
/** A lead that says the path is not the choice: an old one, another's, a suggestion, an example, steps, where it is. */
const NOT_THE_CHOICE =
  /\b(?:old|previous|current|suggest\w*|competitor|reference|example|e\.g|where|steps?|not|n'?t|other|another|retir\w+|found|prefer)\b|之前|旧|原来|参考|例如|比如|建议|另一个|不是|别的|步骤|在哪/i;
const CONTRAST = /\bbut\b|不过|但是/i;

function afterNameLabel(input: ReadInput): string | undefined {
  if (input.bare) return undefined;
  const long = LONG_LABEL.exec(input.text);
  const lead =
    NAME_LABEL.exec(input.text) ??
    (long && !NOT_THE_CHOICE.test(long[1] ?? '') && !CONTRAST.test(input.text.slice(long[0].length)) ? long : null);
  if (!lead || !findHits(lead[1] ?? '').some((h) => h.item === input.key && !VALUE_WORDS.has(h.word))) return undefined;
  const after = input.text.slice(lead[0].length).trim();
  return after === '' || NAME_LABEL.test(after) ? undefined : after;
}

function readNameAsSaid(input: ReadInput): Draft[] {
  if (UNSURE.test(input.text) || YOUR_EXAMPLE.test(input.text) || USES_OURS.test(input.text)) return [];
  // "跟公众号一样，都是 美食": the same as another's, then the name itself — the name; with no name after it, none.
  const same = SAME_AS.exec(input.words);
  if (same) {
    const rest = input.words.slice(same[0].length).trim();
    return rest === '' ? [] : readNameAsSaid({ ...input, words: rest, text: rest, parts: [rest], bare: true });
  }
  if (LICENCE_SCOPE.test(input.text)) return [];
  const labelled = afterNameLabel(input);
  if (labelled !== undefined && labelled !== input.words)
    return readNameAsSaid({ ...input, words: labelled, text: labelled, parts: [labelled], bare: true });
  if (ONLY_USE.test(input.text.trim()) && !/[,;。\n]/.test(input.text.trim()))
    return readText({ ...input, words: input.text.trim(), parts: [input.text.trim()] });
  const framed = framedQuote(input.words, false);
  if (framed !== undefined) return readText({ ...input, words: framed, text: framed, parts: [framed] });
  const path = spokenPath(input.words);
  if (path !== undefined) return readText({ ...input, words: path, text: path, parts: [path] });
  const product = productClause(input.words, input.key);
  if (product !== undefined && product !== input.words)
    return readNameAsSaid({ ...input, words: product, text: product, parts: [product] });
  // "Sorry, wrong category earlier. It should be …": a correction gives what follows it.
  const corrected = CORRECTED_TO.exec(input.words)?.[1]?.trim();
  // "Sorry, wrong category earlier.", "之前类目填错了": the words own a mistake; the right one comes after, if at all.
  if (!corrected && OWNS_MISTAKE.test(input.words)) return [];
  // "My bad, the": an apology alone, before the label, names nothing.
  if (input.words.replace(APOLOGY, '').trim() === '' && input.words.trim() !== '') return [];
  const own = ownWords((corrected || input.words).replace(REPORTED, '').replace(OPEN_BRACKET, ''))
    .replace(FOR_NOW, '')
    .replace(REASON_IN_BRACKETS, '')
    .replace(STATUS_IN_BRACKETS, '')
    .replace(NEEDS_IN_BRACKETS, '');
  const switched = SWITCHED_TO.exec(own)?.[1];
  // "GrowingIO last quarter": when the choice was made is no part of the name, switched to or not.
  const words = (switched === undefined ? own : cutRemarks(switched)).replace(TIME_TAIL, '');
  const chosen = afterProductName(words.replace(CHOSE, ''));
  const name = cutRemarks(chosen);
  const spaced = cutRemarks(name, true);
  // Cut at a space, a name is no name when the rest defers ("今天上海好热啊😂 类目的事明天再聊").
  if (spaced !== name && saysLater(input.text)) return [];
  if (negatedName(spaced)) return [];
  if (spaced === '' || spaced === input.words) {
    const whole = input.words.replace(PARTICLE, '');
    return readText({ ...input, words: whole, parts: partsOfName(whole, input.parts) });
  }
  // "关于服务类目，…": a topic opened ("关于…", "regarding …") is no name.
  if (TOPIC_ONLY.test(spaced)) return [];
  // "就按营业执照上的经营范围来吧，你们帮我选": a remark that hands the choice back leaves no name.
  if (isNoAnswer(input.text) && !saysLater(input.text)) return [];
  // The remark cut off may defer something else ("账号稍后给你"); the name is read on its own.
  const bare = spaced.replace(PARTICLE, '');
  return readText({ ...input, words: bare, text: bare, parts: partsOfName(bare, input.parts) });
}

/**
 * A category said aloud rather than written ("…就是餐饮然后那个下面是餐饮服务场所", "一级是教育，二级是培训"): the parent,
 * then the one under it, is the path "parent > child" — only when nothing else is said.
 */
const UNDER =
  /^(?:[^,;。]*?(?:的话|的話)\s*)?(?:就是|是)?\s*([^\s,;。]{2,12}?)\s*,?\s*(?:然后|然後)?\s*(?:那个|那個|它|这个|這個)?\s*(?:下面|底下)(?:的是|是|的|选|選)+\s*([^\s,;。]{2,16})$/;
const LEVELS =
  /^一级(?:类目|類目)?\s*(?:是|选|選|:)?\s*([^\s,;。]{2,12})\s*[,;\s]\s*二级(?:类目|類目)?\s*(?:是|选|選|:)?\s*([^\s,;。]{2,16})$/;

function spokenPath(words: string): string | undefined {
  const said = words
    .replace(/^(?:嗯+|呃+|额+|那个|那個)\s*/, '')
    .replace(/^的?[话話]\s*/, '')
    .replace(/[.。]$/, '');
  const m = UNDER.exec(said) ?? LEVELS.exec(said);
  if (!m?.[1] || !m[2] || NEGATION.test(said) || /[?？吗嗎]/.test(said)) return undefined;
  return `${m[1]} > ${m[2]}`;
}

const DENIAL = /不|没|沒|无|無|\bno\b|\bnot\b|n't\b|\bwithout\b/i;
const MP_WORDS = /小程序|小程式|\bmini[- ]?programs?\b|\bMP\b/i;
const CLAUSE = /[^,;。]+/g;
const SPOKEN_CLAUSE_BREAK = /\s+(?=(?:就|然后|但是?|不过)(?:用|是))/g;

/**
 * A product named in a clause of its own, beside words that say something else:
 * - "没有第三方统计，用微信自带的We分析就够了": a denial naming no product denies another kind (third-party), not the
 *   one the client uses;
 * - "GA4 for the website, and for the mini program we'd like to use Umeng": of several products, the one whose
 *   clause names the mini program is the mini program's.
 * The name is then read from that clause, from the product on. Undefined when no clause stands out.
 */
function productClause(words: string, key: ReadInput['key']): string | undefined {
  // "没有第三方统计 就用…We分析": a voice message's space before "就用" ends a clause as a comma would.
  const spoken = words.replace(SPOKEN_CLAUSE_BREAK, ',');
  const clauses = [...spoken.matchAll(CLAUSE)].map((m) => ({ text: m[0], at: productAt(m[0]) }));
  const named = clauses.filter((c) => c.at >= 0);
  if (named.length === 0 || clauses.length < 2) return undefined;
  const deniesKind = (c: { text: string; at: number }) =>
    c.at < 0 && DENIAL.test(c.text) && findHits(c.text).some((h) => h.item === key);
  const kept = named.filter((c) => !NEGATION.test(c.text));
  const forMp = named.filter((c) => MP_WORDS.test(c.text));
  const mine =
    named.length === 1
      ? clauses.some(deniesKind) && kept.length === 1
        ? kept[0]
        : undefined
      : forMp.length === 1
        ? forMp[0]
        : kept.length === 1 && named.length - kept.length >= 1
          ? kept[0]
          : undefined;
  return mine ? mine.text.slice(mine.at).trim() : undefined;
}

function productAt(clause: string): number {
  const lower = lowerAscii(clause);
  const ats = [...VALUE_WORDS].map((w) => lower.indexOf(w)).filter((i) => i >= 0);
  return ats.length === 0 ? -1 : Math.min(...ats);
}

/** "不接第三方统计，用腾讯有数": a product named by the words is the answer; a denial before the label denies another kind. */
function partsOfName(name: string, parts: string[]): string[] {
  return productAt(name) === 0 && !DENIAL.test(name) ? [name] : parts;
}

/** "老板娘说用 …", "老板说选 …": who decided, reported before the choice, is no part of it (not "听说", hearsay). */
const REPORTED = /^[^\s,;。:]{1,8}?(?<![听聽据據])(?:说|說|讲|講)了?就?(?:用|选|選|定|是)(?:的是)?\s*/;
/** "神策了", "友盟啦": a sentence particle closing a name is no part of it. */
const PARTICLE = /(?<=[\p{L}\p{N})])\s*(?:(?:就|也)(?:够|夠|行|好|可以)了?|(?:够|夠)了|即可|了|啦|喔|哦|呀)$/u;
/** "类目不是零售": a name only denied gives none (the one it is would follow a contrast, SWITCHED_TO). */
/** (And "no third-party analytics": a denial of a kind is no name.) */
const NEGATED_NAME = /^(?:不是|並不是|并不是|不选|不選|没选|沒選)|^no\s+(?!\d)[^,;]*$/i;
/** "统计不用友盟", "not Umeng": a product refused says which one is not used, not which one is. */
const REFUSED_PRODUCT = /^(?:不用|不要|不接|not\s+)\s*/i;

function negatedName(name: string): boolean {
  const refused = REFUSED_PRODUCT.exec(name);
  return NEGATED_NAME.test(name) || (refused !== null && productAt(name.slice(refused[0].length)) === 0);
}
const APOLOGY = /\bmy bad\b|\bsorry\b|\boops\b|\bapologies\b|不好意思|抱歉|sorry|\bthe\b|[\s,.!。，！]/gi;
const OWNS_MISTAKE =
  /\bwrong\b|\bmistake\b|\btypo\b|[写寫打填弄搞发發选選说說]错了?|[写寫打填弄搞发發选選说說]錯了?|不对|不對/i;

/** "We use Sensors Data.": the sentence's full stop is no part of a name ("Co." / "Ltd." keep theirs). */
function withoutFullStop(drafts: Draft[]): Draft[] {
  return drafts.map((d) => {
    if (d.kind !== 'value' || typeof d.value !== 'string') return d;
    const name = WHOLLY_QUOTED.exec(d.value)?.[2]?.trim() ?? d.value;
    return value(/\b(?:co|ltd|inc|corp)\.$/i.test(name) ? name : name.replace(/(?<=[A-Za-z\u4e00-\u9fa5)])[.。]$/, ''));
  });
}

/**
 * "addded both devs ✅", "roles 都 OK 了 👌": a short reply that closes on a done mark, with no question, denial or
 * problem in it, reports the item done (a typo in the words does not undo the mark).
 */
function closesMarkedDone(text: string): boolean {
  const t = text.trim();
  return (
    t.length <= 40 &&
    /[\u2705\u2714\u2611\u{1F44C}]\uFE0F?$/u.test(t) &&
    hasDoneMark(t) &&
    !/[?？吗]/.test(t) &&
    !NEGATION.test(t)
  );
}

/**
 * "可以，加吧", "Sure, go ahead with Sentry", "好的，按这个做", "就按微信默认的来吧": for what we do (an item the agency
 * owns, which the client only approves), the client's go-ahead is what "done" records. For the client's own
 * tasks these words only agree to do it.
 */
const GO_AHEAD =
  /\bgo ahead\b|\byes,? please\b|\bsounds good\b|\b(?:sure|ok|okay|yes|yep)\b(?![^,.;!?]*\b(?:but|except|not)\b)|按(?:这个|你们|微信)?[^,;。]{0,6}(?:来|做)|就这么(?:做|办)|(?:加|做|弄|开|接)吧|(?:^|[,\s])(?:可以|好的|行|ok)(?:的|了|啊)?(?=$|[,。!\s])|就用[^,;。]{0,6}(?:标准|默认)|验过了|测过了|(?:^|\s)(?:确认|ok)\s*[\u{1F44C}\u2705]?$/iu;

/**
 * For what we do, a bare yes ("ok", "yep", "要的", "必须要") or "fine by us" is the go-ahead. The choice left to us
 * ("你们开发定就行", "up to you") is not: nothing is decided, let alone done (docs/reader.md, "Round 16"). A "no custom
 * one" inside it ("按微信标准的来吧不用自定义了") chooses the standard one, it does not refuse
 * the item.
 */
const AGREES =
  /^(?:ok|okay|yes|yep|yeah|sure|好|好的|可以|行|要|要的|需要|必须要)[\s!。.,~]*$|^要的|(?:^|\s)要$|必须要|\bfine (?:by|with) (?:us|me)\b/iu;

/** "no sentry pls", "Please do not add Sentry", "drop Sentry", "不要 Sentry": the product we would add, refused by name. */
const REFUSED_BY_NAME =
  /(?:^|[\s,;])(?:no|not|without|drop|remove|skip|不用|不要|不需要|无需|不装|不接|别(?:装|加|接|用)?|(?:don'?t|do not|doesn'?t)\s+(?:want|need|add|use|install|allow)|(?:won'?t|will not)\s+(?:use|need|add))\s+(?:any\s+|the\s+)?$/i;

/** "we won't use sentry until next year": refused for a while is not refused. */
const REFUSED_FOR_NOW = /\b(?:until|till|yet|for now|next (?:year|quarter|phase))\b|以后|暂时|先不/i;

const DETAIL_AFTER =
  /^\s*(?:alerts?|emails?|邮件|通知|报警|告警|notifications?|errors?|issues?|events?|报错|dashboards?)/i;

function refusesByName(input: ReadInput): boolean {
  const words = itemDef(input.key).valueWords ?? [];
  const lower = lowerAscii(input.text);
  return (
    !saysLater(input.text) &&
    !REFUSED_FOR_NOW.test(input.text) &&
    words.some((w) => {
      const at = lower.indexOf(w);
      // "no sentry alerts since launch", "不要 sentry 邮件通知": a detail of it refused, not the product.
      const detail = DETAIL_AFTER.test(lower.slice(at + w.length, at + w.length + 16));
      return at >= 0 && !detail && REFUSED_BY_NAME.test(` ${lower.slice(Math.max(0, at - 30), at)}`);
    })
  );
}

export function readConfirmation(input: ReadInput): Draft[] {
  const agency = itemDef(input.key).owner === 'agency';
  // "我们不需要授权弹窗，游客模式就行": what we would do, refused first — the "就行" after it only says what will do instead.
  if (agency && (opensWithRefusal(input) || refusesByName(input))) return notApplicable(input);
  if (
    saysDone(withoutInstructions(input.text)) ||
    labelMarkedDone(input) ||
    onlyNamesMarkedDone(input.text) ||
    closesMarkedDone(input.text)
  )
    return [value('done')];
  // "授权弹窗出来了", "自动登回去了": the item's own words for working.
  if (itemDef(input.key).doneWords?.test(input.text) && !saysNotDone(input.text)) return [value('done')];
  const said = input.text.replace(NOT_CUSTOM, ' ');
  if (agency && AGREES.test(stripFiller(said) || said.trim()) && !saysNotDone(said) && !NEGATION.test(said))
    return [value('done')];
  if (agency && GO_AHEAD.test(said) && !saysNotDone(said) && !isNoAnswer(said) && !NEGATION.test(said))
    return [value('done')];
  // "不用，我们没有登录态": the reply opens by denying the item, then gives the reason.
  if (opensWithRefusal(input)) return notApplicable(input);
  return deniesItem(input) ? notApplicable(input) : [];
}

/** Changes come quoted or after "改成" / "change"; without them, "已发" / "没问题" confirms. */
const CHANGE = /["“”「」『』‘’]|改成|改为|换成|改一下|修改|(?<!\bno )\bchange\b|\breplace\b|:\s*\S/i;

/** The client's copy runs to the end as written: "… 其他OK", "… please try again." keep their last word. */
function withTail(input: ReadInput, body: string): string {
  const at = body === '' ? -1 : input.text.indexOf(body);
  return at < 0 ? body : input.text.slice(at).trim();
}

const OK_ONLY = /^(?:ok|okay|好的|可以|没问题|确认)[!。.]*$/i;

/**
 * "确认了，按文档那版", "ok 可以", "老板说可以", "Use the standard one, it's fine": the client approves what we
 * proposed (a design, copy), which is what "done" records for these items.
 */
const APPROVES =
  /(?:就|都)?用(?:你们|你)?[^,;。"“「『]{0,10}(?:那|这)(?:一)?(?:版|套|稿)|(?:^|[\s的\u4e00-\u9fa5])(?:ok|okay|没问题)\s*(?:了|的(?!话)|啦|喇|咯)|确认了|确认过了?|确认\s*(?:ok|okay|没问题|无误)|照(?:用|旧|原样)|(?:就|都)?[按照](?:你们|你|文档|这|那|之前|原来)[^,;。]{0,8}(?:来|做|版|个|的)|\b(?:it'?s|that'?s|looks|all) (?:fine|good|ok|okay)\b|\b(?:use|go with|keep) (?:the|your) (?:standard|default|usual|proposed|suggested|same|original) (?:one|version|design|copy)\b|^(?:ok|okay|好的|嗯+)?\s*可以(?:的|了|啊)?$|说(?:了)?(?:可以|没问题|ok)|(?<![不没未])同意/i;
/** "没问题就按这个 不过'系统繁忙'改成'…'": an approval, then the one change — the change is the answer. */
const BUT = /(?:不过|但是|只是|\bbut\b)\s*/i;

/** "「蓝茶上新啦，第二杯半价」 图片用banner那张", '"Your next favourite tea…"': the copy is what the quotes hold. */
const ONE_QUOTE = /^["“「『‘]([^"“”「」『』‘’]+)["”」』’](?![^"“”「」『』‘’]*["“”「」『』‘’])/;

/**
 * "不要『8折』了，改成『…』", "drop 'X', use 'Y' instead": a copy refused whole, then the one that replaces it (unlike "把「A」改成
 * 「B」", where A says which part of the copy changes).
 */
const REPLACED =
  /(?:不要|不用|别用|去掉|删掉|\bno more\b|\bdrop\b|\bnot\b)\s*["“「『']?[^"“”「」『』'\n]{1,80}["”」』']\s*(?:了|啦)?\s*[,;]?\s*(?:改成|改为|换成|改用|就用|用|\binstead(?:,)?\s*(?:use|say)?\b|\buse\b|\bsay\b)\s*:?\s*["“「『']([^"“”「」『』'\n]{1,120})["”」』']/i;

/** "把「A」…", "第三条…", "标题不变，…", "按钮文案 …", "只改按钮": one part of the copy changes, not all of it. */
const PART_CHANGED =
  /把\s*["“「『']|第\s*[一二三四五六七八九十\d]+\s*[条個个句]|不变|只改|按钮|标题|副标题|\b(?:button|title|subtitle|only change|keep the rest)\b/i;
/** The new copy, quoted, closing the message after "改成" / "change it to". */
const CHANGED_TO =
  /(?:改成|改为|换成|\bchange (?:it |that |this )?to|\breplace (?:it |that |this )?with)\s*[:：]?\s*["“「『']([^"“”「」『』'\n]{1,120})["”」』']\s*(?:吧|哈|啊)?\s*[。.!！]?\s*$/i;
/** "…，其他的可以": one change among copy otherwise approved — the copy as a whole is not the new words. */
const REST_APPROVED =
  /(?:其他|其余|别的|剩下)的?(?:都)?(?:可以|ok|没问题|不变)|\bthe rest (?:is|are|looks?) (?:fine|good|ok)\b/i;

/** "「…」+茶园那张图", "the hero photo + 'Book now'": a quoted copy and another part joined by "+". */
const JOINED_TO_QUOTE = /["”」』']\s*\+\s*\S|\S\s*\+\s*["“「『']/;

/** A copy's own last emoji ("快来一起喝☕") is part of it; a done mark is not. */
function withEmoji(input: ReadInput, body: string): string {
  const at = input.text.lastIndexOf(body);
  const tail = at < 0 ? '' : input.text.slice(at + body.length);
  return /^\s?[\p{Extended_Pictographic}\uFE0F]+$/u.test(tail) && !/[\u2705\u2714\u2611\u{1F44C}\u{1F44D}]/u.test(tail)
    ? body + tail
    : body;
}

/**
 * "分享文案改一下，改成：…", "Share copy for all pages: …", "Permission copy: …": a lead made only of the copy's own
 * name and a verb to use or change it, then a colon — the copy is what follows. A lead that says which copy
 * ("首页分享：…", "网络错误那条改成：…", corpora A and C) stays.
 */
const COPY_LEAD = /^([^:："“「『\n]{1,40}?)[:：]\s*(?=\S)/;
/** "分享标题用「…」", "文案「…」", "Permission page copy — '…'": before a quote, the lead needs no colon. */
const QUOTE_LEAD = /^([^:："“「『‘'\n]{1,40}?)(?:\s*[:：]|\s+[—–-]{1,2})?\s*(?=["“「『‘'])/;
const LEAD_WORDS =
  /分享[语語]?|授[权權]|[页頁]面?|文案|文字|[标標][题題]|[统統]一|一律|全部|都|[权權]限[页頁]?|[说說]明|[错錯][误誤]|[报報][错錯]|提示|[确確][认認]|改一下|[换換]一下|改成|改[为為]|[换換]成|用[这這][个個]|用下面的?|就[写寫]|[写寫]|用|的|[话話]|就|一下|[那这這]句[话話]?|[那这這]段|\b(?:share|sharing|copy|text|title|wording|permission|page|use|this|for all pages|for every page|everywhere|errors?|messages?|for|please|say|should read)\b|[\s,，]/gi;

/**
 * "Share text for the product page:", "Sharing copy for the home page:": after the copy's own name, which page it is
 * for qualifies that name (corpora F, H) — unlike "首页分享：", where the page leads and names a copy of its own (A, B).
 */
const FOR_PAGE =
  /^(\s*(?:(?:share|sharing)\s+)?(?:copy|text|title|wording))\s+for\s+(?:the\s+|our\s+|each\s+|every\s+)?(?:[a-z-]+\s+){0,2}pages?\s*$/i;

function leadOnly(lead: string | undefined): boolean {
  return (lead ?? '').replace(FOR_PAGE, '$1').replace(LEAD_WORDS, '') === '';
}

function withoutCopyLead(body: string): string {
  const lead = COPY_LEAD.exec(body);
  if (lead && leadOnly(lead[1])) return body.slice(lead[0].length);
  const quoted = QUOTE_LEAD.exec(body);
  return quoted &&
    leadOnly(quoted[1]) &&
    (ONE_QUOTE.test(body.slice(quoted[0].length)) || SINGLE_QUOTED.test(body.slice(quoted[0].length)))
    ? body.slice(quoted[0].length)
    : body;
}

/**
 * "… — legal 已 approve", "… - approved by the boss": a remark after a dash that says where the copy stands (approved,
 * confirmed, done) is no part of it.
 */
const STATUS_TRAILER = /\s+[—–-]{1,2}\s+([^—–]+)$/;
const STATUS_WORDS = /approve|已\s*(?:ok|确认|通过|同意)|确认过|审过|\bsigned off\b|\bconfirmed\b|\bok'?d\b/i;

function withoutStatusTrailer(body: string): string {
  const trailer = STATUS_TRAILER.exec(body);
  return trailer && (STATUS_WORDS.test(trailer[1] ?? '') || saysDone(trailer[1] ?? ''))
    ? body.slice(0, trailer.index).trim()
    : body;
}

/** "'Allow us to …' Error copy is approved too": a copy in straight single quotes (an apostrophe inside is no end). */
const SINGLE_QUOTED = /^'((?:[^'\n]|'(?=[a-z]))+)'(?=$|[\s.,;!?])/i;

/**
 * "'Oops, …. Please try again.' for all generic errors", "'Fresh bakes daily', use the product photo as the image": a
 * straight single quote is also an apostrophe, so it marks the copy only when nothing but a closing word follows it;
 * words after it are kept with it, as written.
 */
function singleQuoted(own: string): string | undefined {
  const quote = SINGLE_QUOTED.exec(own);
  return quote && FRAME_CLOSE.test(own.slice(quote[0].length)) ? quote[1] : undefined;
}

function copyOf(body: string): string {
  const own = withoutCopyLead(withoutStatusTrailer(body));
  return ONE_QUOTE.exec(own)?.[1] ?? singleQuoted(own) ?? framedQuote(own, true) ?? own;
}

const QUOTED_SPAN = /["“「『]([^"“”「」『』\n]{1,80})["”」』]/g;
/** Words around a quote that say it is not the choice, or not yet: a contrast, a negation, the old one, a question. */
const FRAME_DENIES =
  /不|没|沒|别|別|非|而是|之前|以前|原来|原來|上次|[?？]|吗|嗎|\bnot?\b|n't\b|\binstead\b|\brather\b|\bold\b|\bprevious\b|\bbefore\b/i;
/** What may close a sentence around a quoted value: "就得", "就好", "吧", a pointer back ("这个类目"), "please". */
const FRAME_CLOSE =
  /^(?:\s|[!！。.~～,，]|就得|就好|就行|就可以|即可|就ok|吧|啦|哈|了|喔|哦|囉|(?:这|這|那)(?:个|個)(?:类目|類目|平台)?|\bplease\b|\bpls\b|\bthanks\b|\bthis one\b)*$/i;
/** Words before a copy that change one copy into another ("第三条改成“…”"): they say which, and stay (the fixtures). */
const CHANGES_ONE = /改成|改为|改為|换成|換成|\bchange\b|\breplace\b|→|->/i;

/**
 * "分享出去顯示「…」就得", "服務類目我們選「…」": a single quoted value inside a sentence that frames it is the value.
 * Not when the frame denies, contrasts or asks, nor when more follows it than a closing word ("服务类目选了「…」，需要
 * 提供…", the fixtures). For copy, not after a colon ("首页分享：「…」" says which copy, corpora A, B) or a change of
 * one copy into another.
 */
export function framedQuote(words: string, copy: boolean): string | undefined {
  const spans = [...words.matchAll(QUOTED_SPAN)];
  const span = spans.length === 1 ? spans[0] : undefined;
  if (span === undefined) return undefined;
  const before = words.slice(0, span.index);
  const after = words.slice(span.index + span[0].length);
  if (/["“”「」『』]/.test(before + after) || FRAME_DENIES.test(before + after) || !FRAME_CLOSE.test(after))
    return undefined;
  if (copy && (/[:：]/.test(before) || CHANGES_ONE.test(before))) return undefined;
  const inner = (span[1] ?? '').trim();
  return inner === '' ? undefined : inner;
}

/**
 * "我觉得太暗了，能再调亮点吗", "too dark imo, can you brighten it?", "第二版还是不太行", "第3条改一下，别的都行", "想改下按钮颜色，
 * 改完就可以确认": feedback on our draft or a change asked for without the new words — no copy of theirs, nothing done.
 * A change that gives the new words ("改一下：…", "改成「…」") is copy (CHANGE below).
 */
const FEEDBACK =
  /我觉得|感觉|太(?:暗|亮|大|小|丑|花|长|短|素|艳|深|浅|淡|挤|密|粗|细|土|乱)|(?:还是|有点|都)?不太?(?:行|满意|好看|对劲)(?![^,;。]{0,3}(?:吗|么))|\bnot quite (?:right|there)\b|能(?:不能|再)[^,;。]{0,10}(?:吗|么)|\bi (?:think|feel)\b|\btoo (?:dark|bright|big|small|long|short|busy|plain)\b|\bcan you\b[^.]*\?/i;
/** A change asked for ("第3条改一下", "想改下按钮颜色", "needs a few tweaks"): feedback unless the new words are given. */
const CHANGE_ASKED =
  /(?:改一下|改下|改改|调一下|调整一下|再改|要改|得改|需要改|想改|还要改|要调整)(?!\s*(?:[:：]|成|为|好|完了))|\bneeds? (?:some |a few |more )?(?:changes?|tweaks?|work)\b|\b(?:please |could you |can you )?(?:tweak|adjust|revise|rework)\b/i;
const NEW_WORDS = /改成|改为|換成|换成|[:：]\s*\S|\b(?:to|with)\s*["“「『']/i;
/** A file or copy said sent or uploaded ("logo发你邮箱了", "icon 已经 upload 到后台了"): done, whatever detail follows. */
const SENT_FIRST =
  /^[^,;。!?"“「『]{0,12}(?:发(?:给|到)?(?:你|您)|发到|(?:上)?传(?:到|了)|\b(?:sent|emailed|uploaded|upload)\b)/i;

/**
 * "不用自定义权限页，用微信默认的", "no custom page, we'll use WeChat's built-in one": the custom version refused for WeChat's
 * own — there is nothing of the item to make (n/a). For an item that is itself the custom thing (the icon, the
 * permission page: `custom` in items.ts), refusing the custom version is enough ("不需要自定义图标", "不用定制，用小程序
 * 头像就行", "不用定制，用你们默认的设计"), unless the client offers an asset of their own or puts it off (`offersOwn`).
 */
const REFUSES_CUSTOM = new RegExp(NOT_CUSTOM.source, 'i');
const WECHAT_OWN =
  /(?:用|按|就用|直接用)(?:微信|系统|官方)(?:的)?(?:默认|自带|原生|标准)?|(?<!你们)默认的?就(?:行|好|可以)|\bthe default (?:is|one is) fine\b|\b(?:use|go with|keep|stick with) (?:wechat'?s|the wechat|the system'?s?|the built-in) (?:default|built-in|standard|own|native)?/i;

/**
 * "I've read them, they're fine", "checked it — all good", "看过了，没意见": each clause says the client read or approves
 * what we showed (a pronoun for it, never words of a copy of theirs).
 */
const REVIEWED =
  /^(?:(?:i|we)(?:'ve| have)?\s+(?:read|checked|reviewed|seen|gone through|looked at|looked over)(?:\s+(?:them|it|these|those|all|all of them|both))?|(?:they|it|these|those|both|all)(?:'re|'s| are| is| look| looks| seem| seems)?\s+(?:all\s+)?(?:fine|good|ok|okay|great|perfect)|(?:all\s+)?(?:looks?\s+)?(?:fine|good|lgtm)(?:\s+(?:by|to) (?:us|me))?|(?:都|也)?(?:看过|看了|审过|过了一遍)了?|(?:都|也)?(?:没意见|没问题|可以|ok)(?:的|了)?)$/i;

function reviewedOnly(words: string): boolean {
  const clauses = words
    .split(/[,;。.!]|\s[—–-]{1,2}\s|\band\b/i)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  return clauses.length > 0 && clauses.every((c) => REVIEWED.test(c));
}

/** A clause (or a bracket) that says the file was sent or uploaded: "已发", "已经在后台传好了", "uploaded it to the console". */
const FILE_SENT =
  /(?<![没未还不别])(?:已经?|都)\s*[^,;。()]{0,8}(?:发|传)|传好了|(?:上)?传(?:到|了)|发(?:给|到)?(?:你|您)|\b(?:sent|emailed|uploaded)\b/i;

function sentClause(body: string): boolean {
  return body
    .split(/[,;。()]/)
    .slice(1)
    .some((clause) => FILE_SENT.test(clause) && saysDone(clause));
}

const HAS_QUOTE = new RegExp(QUOTED_SPAN.source);

function onlyRefusesCustom(input: ReadInput): boolean {
  return itemDef(input.key).custom === true && !HAS_QUOTE.test(input.text) && !offersOwn(input.text);
}

function offersOwn(text: string): boolean {
  return offersAsset(text) || FILE_SENT.test(text);
}

export function readConfirmationOrText(input: ReadInput): Draft[] {
  if (REFUSES_CUSTOM.test(input.text) && (WECHAT_OWN.test(input.text) || onlyRefusesCustom(input)))
    return notApplicable(input);
  const drafts = readCopyOrStatus(input);
  // "短信签名是【…】", "测试手机号用 …": for an item whose value is a code, words are only a status.
  const code = itemDef(input.key).code;
  // "模板号码是SMS下划线四六八二零七五九一": a code said aloud, turned to text by voice input.
  const spoken = code ? spokenCode(input.text) : undefined;
  if (spoken !== undefined && code?.test(spoken)) return [{ kind: 'value', value: spoken }];
  return code
    ? drafts.filter(
        (d) =>
          d.kind !== 'value' ||
          typeof d.value !== 'string' ||
          d.value === 'done' ||
          d.value === 'n/a' ||
          code.test(d.value),
      )
    : drafts;
}

const SPOKEN_CODE = /\bSMS\s*(?:下划线|下横线|\bunderscore\b)\s*([零〇一二三四五六七八九\d]{6,12})/i;
const SPOKEN_DIGITS = '零一二三四五六七八九';

function spokenCode(text: string): string | undefined {
  const said = SPOKEN_CODE.exec(text)?.[1];
  if (said === undefined) return undefined;
  return `SMS_${[...said].map((c) => (c === '〇' ? '0' : SPOKEN_DIGITS.includes(c) ? String(SPOKEN_DIGITS.indexOf(c)) : c)).join('')}`;
}

/** "[图片]", "[image]": how a chat app shows a picture sent in a text export or a forward. */
const PICTURE = /\[?(?:图片|圖片|照片|image|photo|picture)\]/gi;
const HAS_PICTURE = /\[(?:图片|圖片|照片|image|photo|picture)\]/i;

/**
 * "[image]", "这个是icon [图片]", "刚才那个发错了，用这个 [图片]": a picture sent for an item whose answer is one (the
 * icon) is the answer — done — unless the words say otherwise (not yet, a question, quoted copy beside it).
 */
function pictureSent(input: ReadInput): boolean {
  if (itemDef(input.key).files !== 'upload' || !HAS_PICTURE.test(input.text)) return false;
  const rest = input.text.replace(PICTURE, ' ');
  return (
    !/["“「『]|[?？]/.test(rest) &&
    !saysNotDone(rest) &&
    !NEGATION.test(rest) &&
    !NOT_FINAL.test(rest) &&
    !isOtherOwnerClause(rest) &&
    doubtOf(rest) === undefined &&
    stripFiller(rest).length <= 40
  );
}

/** "[图片] 还要再改改", "[image] first draft", "[图片] 这个是旧的": a picture that is not the one to use. */
const NOT_FINAL =
  /还要|再改|要改|临时|旧的|备选|草稿|初稿|方向|参考|公众号的|\b(?:draft|placeholder|temporary|old|option|options|reference|idea|wip|mock-?up)\b/i;

function readCopyOrStatus(input: ReadInput): Draft[] {
  if (pictureSent(input)) return [value('done')];
  if (HAS_PICTURE.test(input.text)) {
    // The picture is no copy: the words beside it are read alone — copy only when quoted ("[图片] 还不是最终版" is about
    // the picture, not the icon's words).
    const words = input.text.replace(PICTURE, ' ').trim();
    return words === '' || !/["“「『]/.test(words)
      ? []
      : readCopyOrStatus({ ...input, text: words, words: input.words.replace(PICTURE, ' ').trim() });
  }
  const body = input.words;
  // "icon attached", "分享图发你邮箱了": for an item whose answer is a file, sent elsewhere is the answer.
  const pointers = itemDef(input.key).files !== 'upload';
  const noAnswer = isNoAnswer(body, { pointers }) || isNoAnswer(input.text, { pointers });
  // "… — 法务已确认": the trailer says where the copy stands; the copy is what comes before it.
  const beforeTrailer = withoutStatusTrailer(body);
  if (beforeTrailer !== body && beforeTrailer !== '')
    return readConfirmationOrText({ ...input, words: beforeTrailer, text: beforeTrailer });
  const quoted = /["“「『]/.test(body);
  // "分享就用「…」+茶园那张图": the quoted copy joined to its image is one answer, kept as written (less a colon label).
  if (JOINED_TO_QUOTE.test(input.text) && !noAnswer) {
    const lead = COPY_LEAD.exec(input.text);
    return [value((lead && leadOnly(lead[1]) ? input.text.slice(lead[0].length) : input.text).trim())];
  }
  // "分享文案统一用「…」，分享图我们周五给": copy quoted after a lead of the copy's own words is given, whatever the
  // rest defers (the images) — unless the client asks about it.
  const lead = withoutCopyLead(body);
  const given = lead !== body || /^["“「『]/.test(body) ? ONE_QUOTE.exec(lead) : null;
  if (given?.[1] && !/[?？]|吗/.test(body)) return [value(given[1])];
  if (!quoted && !noAnswer && SENT_FIRST.test(body) && saysDone(body.split(/[,;。]/)[0] ?? '')) return [value('done')];
  // "icon用公众号同款头像，已经在后台传好了", "就用这张（已发）": a file said sent or uploaded, in a clause of its own, is done —
  // the words before only say which file.
  if (!quoted && !noAnswer && itemDef(input.key).files === 'upload' && sentClause(body) && !saysNotDone(body))
    return [value('done')];
  if (!quoted && (FEEDBACK.test(body) || (CHANGE_ASKED.test(body) && !NEW_WORDS.test(body)))) return [];
  // "不用短信，…": the item itself is denied before anything else is said about it.
  const denied = (input.parts[0] ?? '') !== '' && !input.bare && saysOnlyNotApplicable(input.parts[0] ?? '');
  if (denied || (!quoted && opensWithRefusal(input))) return notApplicable(input);
  // "Error messages: I've read them, they're fine": words that only say the client reviewed ours approve it.
  if (!quoted && !noAnswer && reviewedOnly(withoutCopyLead(body)) && !saysNotDone(body)) return [value('done')];
  // "不要『8折』了，改成『新店开业 满100减20』": the old copy dropped whole, the new one is the copy.
  const replaced = REPLACED.exec(body);
  const afterReplaced = body.slice((replaced?.index ?? 0) + (replaced?.[0].length ?? 0)).replace(/^\s*instead\b/i, '');
  if (replaced?.[1] && !noAnswer && FRAME_CLOSE.test(afterReplaced)) return [value(replaced[1].trim())];
  // "上面文案发错了，是“会员立减10元”不是5元": the mistake owned, then the copy it is, quoted.
  const isNot = isNotCorrection(body)?.[1]?.trim();
  if (isNot && !noAnswer && unquoted(isNot) !== isNot) return [value(unquoted(isNot))];
  // "“喝杯好茶”改成“来一杯，慢一点”", "网络错误那个改成“…”": the message ends on the new copy, quoted — that is the copy.
  const changedTo = CHANGED_TO.exec(body);
  // "把“位置信息”改成“大致位置”", "第三条改成…" change a part; "没问题…不过'A'改成'B'" approves with one change: both kept as written.
  const quotes = body.match(/["“「『'][^"“”「」『』'\n]+["”」』']/g)?.length ?? 0;
  const part = quotes > 2 || PART_CHANGED.test(body) || BUT.test(body);
  if (changedTo?.[1] && !noAnswer && !part && !REST_APPROVED.test(body)) return [value(changedTo[1].trim())];
  if (CHANGE.test(body) && !noAnswer) {
    const but = BUT.exec(body);
    const lead = but ? body.slice(0, but.index).trim() : '';
    const change = but && (APPROVES.test(lead) || saysDone(lead)) ? body.slice(but.index + but[0].length) : body;
    return [value(copyOf(withTail(input, change)))];
  }
  if (!noAnswer && APPROVES.test(input.text) && !saysNotDone(input.text)) return [value('done')];
  // "错误文案OK": the item named, then only an OK.
  if (
    !input.bare &&
    OK_ONLY.test(
      input.parts.filter((p) => p !== '').join('') || input.text.replace(/^[^A-Za-z\u4e00-\u9fa5]*/, '').slice(-4),
    )
  )
    return [value('done')];
  if (saysLater(body)) return [];
  if (saysDone(input.text) || labelMarkedDone(input)) return [value('done')];
  // "We don't send SMS at all": named, the item may be denied in any words; bare, only in so many words.
  if (deniesItem(input, input.bare)) return notApplicable(input);
  // "图标好了", "icon: done": the item named, then only a done word.
  if (!input.bare && !noAnswer && intentOf(body) === 'done' && !saysNotDone(input.text)) return [value('done')];
  if (body === '' || intentOf(body) !== 'none' || noAnswer) return [];
  // Unquoted words that talk about the copy rather than give it are no copy: done when they approve or
  // say it was sent, else nothing.
  // "we don't want sharing enabled": a refusal of the item is no copy of it.
  if (REFUSES.test(body)) return notApplicable(input);
  if (TALKS_ABOUT.test(body)) return APPROVES_TALK.test(body) && !saysNotDone(body) ? [value('done')] : [];
  return [value(withEmoji(input, copyOf(body)))];
}

/**
 * Words about the copy, not the copy: "确认，就这样", "OK 就这样", "确认用这个版本的图标", "用你们的 design 就好",
 * "icon attached", "审核通过了", "好的 我先看看".
 */
const TALKS_ABOUT =
  /^(?:ok|okay|好的|好|嗯|行)?[\s,，]*确认|就这样|就这个|(?:^|用)你们(?:的|那)|按你们|\byour (?:design|version|copy|one)\b|\battached\b|附上|附件|见附件|审核通过|通过了|(?<![没未不])已(?:经)?(?:审核)?通过|批下来了|\bapproved\b|我先看|我看看|看一下再|\blet me (?:check|see|look)\b|\bwill (?:check|look)\b/i;
/** "we don't want sharing enabled", "不需要这个功能": the client refuses the item itself. */
const REFUSES =
  /^(?:we|i)?\s*(?:don'?t|do not|won'?t|will not)\s+(?:want|need|use|plan to use)\b|^(?:我们)?(?:暂时|目前)?(?:不要|不需要|不用|不做|不开)(?:这个|这项|这块|此)?(?:功能|分享|图标|文案|短信|权限页?)?(?:了|的)?[,。.!\s]*$/i;
/** Of those, the ones that approve what we proposed or say it was sent. */
const APPROVES_TALK =
  /^(?:ok|okay|好的|好|嗯|行)?[\s,，]*确认|就这样|就这个|(?:^|用)你们(?:的|那)|按你们|\byour (?:design|version|copy|one)\b|\battached\b|附上|见附件|审核通过|通过了|(?<![没未不])已(?:经)?(?:审核)?通过|批下来了|\bapproved\b/i;

// === What is left of an App ID or App secret once the well-formed ones were read as tokens

/** "wx…" or a run with a digit: "App ID tomorrow morning" holds no attempt at one (a word is no ID). */
const APP_ID_ATTEMPT = /^(?:wx[A-Za-z0-9-]{4,}|(?=[A-Za-z]*\d)[A-Za-z0-9]{6,})(?![A-Za-z0-9_-])/i;
const BARE_APP_ID_ATTEMPT = /^[0-9a-fA-F]{16}$/;

export function readAppIdLeftover(input: ReadInput): Draft[] {
  const candidate = input.bare ? input.text.trim() : (input.parts[1] ?? '');
  const attempt = input.bare ? BARE_APP_ID_ATTEMPT.exec(candidate) : APP_ID_ATTEMPT.exec(candidate);
  if (!attempt) return [];
  const id = attempt[0].toLowerCase();
  if (id === EXAMPLE_APP_ID) return [invalid(attempt[0], 'reason.app_id_example', { input: id })];
  return APP_ID.test(id) ? [value(id)] : [invalid(attempt[0], 'reason.app_id', { input: attempt[0] })];
}

const SECRET_ATTEMPT = /(?<![A-Za-z0-9])[0-9A-Za-z]{16,64}(?![A-Za-z0-9])/;

/** A secret of the wrong length is refused without echoing it: the input keeps only its last 4. */
/** A bare hex run near a secret's length ("2824c1…" with a character missing) is a mistyped secret. */
const BARE_SECRET_ATTEMPT = /^(?=(?:[^0-9a-f]*[0-9a-f]){24})[0-9a-zA-Z]{24,40}$/i;

export function readSecretLeftover(input: ReadInput): Draft[] {
  if (input.bare) {
    // "新的是 0a1b…" (31 characters): a run near a secret's length, mostly hex, wherever it sits in the words.
    const t = [...input.text.matchAll(/(?<![A-Za-z0-9])[0-9A-Za-z]{24,40}(?![A-Za-z0-9])/g)]
      .map((m) => m[0])
      .find((run) => BARE_SECRET_ATTEMPT.test(run));
    return t ? [invalid(maskSecret(t.slice(-4)), 'reason.app_secret')] : [];
  }
  const attempt = SECRET_ATTEMPT.exec(bodyOf(input));
  return attempt ? [invalid(maskSecret(attempt[0].slice(-4)), 'reason.app_secret')] : [];
}

/** URL whitelists (and Open Platform, below): their values are tokens; the words can only say "not used". */
export function readNotUsed(input: ReadInput): Draft[] {
  const says = deniesItem(input) || saysNotApplicable(input.text);
  return says && !saysLater(input.text) ? notApplicable(input) : [];
}

/** "绑定好了", "已经注册并绑定公众号了", "registered & bound to our OA": the MP bound on Open Platform. */
const BOUND = /绑定?(?:好了|了|上了|上去了|成功)|已(?:经)?绑|(?:注册|开通)了?[^,;。!?]{0,6}(?:并|和|也)绑|\bbound\b/i;
/** "没绑", "还没绑定", "要他们去绑定", "bound to another company's OA?": not bound yet, or asked about. */
const NOT_BOUND = /(?:没|未|不)绑|[?？吗]|\bnot (?:yet )?bound\b/i;
const NAMES_IDS = /app ?id|secret|密钥|\bid\b|wx[0-9a-f]/i;

/**
 * "没有公众号", "不用绑", "we don't have an OA, so nothing to bind": there is no Official Account or app to bind the MP
 * to — Open Platform does not apply.
 */
const NOTHING_TO_BIND =
  /(?:没有?|无)(?:任何)?(?:公众号|服务号|订阅号|\s?OA\b)|(?:不用|不需要|无需|不|没必要)(?:去)?绑(?!好|了|定?手机|phone)|\bnothing to (?:bind|link)\b|\bno (?:OA|official account)\b|\b(?:don'?t|do not) have (?:an? )?(?:OA|official account)\b|\b(?:rather not|won'?t|will not|don'?t|do not|no need to|(?:don'?t|do not) need to) (?:bind|link)\b/i;

/** "没有公众号，不过下个月会注册一个": an account planned is something to bind later. */
const ONE_PLANNED =
  /下个?月|以后|之后|这周|本周|正在注册|在注册|会(?:注册|开|申请)|打算|计划|\b(?:will|going to|plan(?:ning)? to|later|next|yet|registering|this week)\b/i;
/** "没有公众号，但是我们的 App 要绑", "订阅号要绑一下": something else to bind — Open Platform still applies. */
export const BIND_WANTED =
  /(?<![不没需])要绑|(?<![不没])(?:需要|得)绑|(?<!\b(?:don'?t|do not|no)\s)\bneeds? (?:to be )?(?:bound|linked|to bind|to link)\b|(?<!(?:没有|没|无|\bno|have an?)\s*)(?<![\w])app(?!\s*id)\b|移动应用|\bios\b|安卓|android/i;

/**
 * Open Platform: its App ID and secret are tokens; the words say it is not used, or that the MP is registered and bound
 * (done — its App ID and secret are asked next: items.ts `followUp`).
 */
export function readOpenPlatform(input: ReadInput): Draft[] {
  const { text } = input;
  // "没有公众号，但是我们的 App 要绑到开放平台": something is still to bind, whatever is not.
  const notUsed = BIND_WANTED.test(text) ? [] : readNotUsed(input);
  if (notUsed.length > 0) return notUsed;
  const bound = BOUND.test(text) && !NOT_BOUND.test(text) && !saysNotDone(text) && !saysLater(text);
  // "我们之前没有公众号，上周刚注册了，已经绑好了": bound now, whatever there was before.
  if (
    !bound &&
    NOTHING_TO_BIND.test(text) &&
    !saysLater(text) &&
    !/[?？吗]/.test(text) &&
    !ONE_PLANNED.test(text) &&
    !BIND_WANTED.test(text)
  )
    return notApplicable(input);
  // Its App ID or secret named beside it ("appid wx… 密钥 …, OA 已经绑好了", "绑定了，appid 明天发"): the IDs are the answer.
  if (NAMES_IDS.test(text)) return [];
  return bound ? [value('done')] : [];
}

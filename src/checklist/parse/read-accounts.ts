/**
 * Readers for the account answers: enterprise account, WeChat Pay merchant account, UGC licence.
 *
 *   readMerchant({ text: '商户号还在申请中', … }) // [{ kind: 'value', value: { status: 'applying' } }]
 */
import { MERCHANT_ID } from '../rules.js';
import type { EnterpriseAccount, MerchantAccount, UgcLicense } from '../types.js';
import { type Draft, invalid, notApplicable, type ReadInput, value } from './read-input.js';
import { isOtherAccountClause, isRuledOut, saysNotApplicable, withoutRestLater, withoutRetracted } from './phrases.js';

// === Enterprise account

/** "个人" is a person, not "a personal account", after a count: "加这11个人", "几个人", "两个人". */
const INDIVIDUAL =
  /(?<![\d一二三四五六七八九十两几多每这那整])个人|(?:不是|并非|非|不属于)(?:用|在)?(?:企业|公司)|\bindividual\b|\bpersonal\b|\bregistered personally\b|\bpersonally registered\b|\bnot (a |an )?(company|enterprise|business)\b/i;
const NOT_COMPANY =
  /(?:不是|并非|非|不属于|没有?用)(?:用|在)?(?:企业|公司)|\b(?:not|isn'?t|wasn'?t|aren'?t)\s+(?:under |registered (?:to|under|as) )?(?:a |an |the |our )?(?:company|enterprise|business|corporate|(?:legal )?entity)\b|\bno (?:legal )?entity\b/i;
const NOT_INDIVIDUAL =
  /(?:不是|并非|非|不属于)(?:用)?个人|\b(?:not|isn'?t|wasn'?t)\s+(?:under |registered (?:to|as) )?(?:a |an |my |the )?(?:individual|personal)\b/i;
const COMPANY =
  /\b(?:co|ltd|inc|corp|llc|gmbh)\b\.?|企业|公司|个体工商户|个体户|政府|机构|组织|主体(?:一样|也|都|同样)?(?:是|为)|\bcompany\b|\benterprise\b|\bbusiness\b|\borgani[sz]ation\b|\bcorporate\b|\b(?:legal )?entity\b|\bwfoe\b|\bjoint venture\b/i;
const UNVERIFIED =
  /认证[^,;。.!?]{0,6}(?:过期|到期|失效)|(?:先|暂时|暂|就|还是)?不(?:做|去|办|弄)?(?:微信)?认证|认证\s*(?:still\s+|also\s+)?(?:not yet|not done|pending|\bno\b(?!\s+(?:problems?|issues?)\b))|\bverified\s*[:=\-–—]\s*(?:no(?=\s*(?:$|[,.;!(]))|nope|not yet|pending|false)\b|认证\s*[:：=\-–—]\s*(?:没有(?!问题)|没(?!问题|毛病)|否|未|还没|no\b(?!\s+(?:issues?|problems?)))|年审(?:还没|没|未)|年审[^,;。.!?]{0,4}(?:过期|到期|失效)|\bverification (?:has )?(?:expired|lapsed)\b|(没|未|尚未|还没|没有|暂未|还未)(有)?(通过|做|办|进行|完成|弄|去做|去|申请|提交|开始)?(微信)?认证|认证(中|还没|没|未|失败|审核中|在审核)|认证[^,;。.!?]{0,4}(?:还在|正在|在)?(?:审核|审)中|认证[^。.!?\n]{0,12}(?:还在|正在|仍在|在)(?:审核|审)|认证[^,;。.!?\s]{0,4}(?:没|未)(?:通过|过)|在认证|正在认证|认证[^,;。.!?]{0,16}(?:做不了|办不了|弄不了|没法(?:做|弄|办)|(?:就|也|都)?没(?:弄|做|办|搞))|认证[^。.!?]{0,24}(?:暂时|目前|现在)?(?:做不了|办不了|没法做)|认证[^。.!?]{0,24}(?:我们)?就没(?:弄|做|办|搞)|\bunverified\b|\bnot (yet )?verified\b|\bpending verification\b|\bverification (is )?(pending|in progress)\b|\bbeing verified\b|\bisn'?t verified\b|\bnot been verified\b|\bhaven'?t (been )?verified\b|\b(?:haven'?t|have not|hasn'?t|has not|didn'?t|did not|not yet)\s+(?:done|completed|finished|started|got(?:ten)?|passed|applied for)\s+(?:the |our |any |wechat )*verification\b|\bverification\b[^.,;!?]{0,20}\b(?:not (?:yet )?(?:done|started|complete)|isn'?t (?:done|complete)|still|in progress|pending|under review|being (?:reviewed|processed))/i;
/** "verified on the staging build", "verified that it retries": a test passed, not the WeChat verification. */
const VERIFIED =
  /\bverification (?:went|has gone|got|came) through\b|认证\s*(?:also\s+|is\s+)?(?:done|ok|passed)\b|认证\s*(?:都|也)\s*(?:ok|okay|好了|搞定了?|通过了?)|(?<![没未还])完成(?:了)?(?:微信)?认证|认证(?:昨天|前天|今天|上周|刚刚?|已经?|早就?|也)(?:就)?(?:通过|过|下来)(?:了|啦)|认证\s*[\u2705\u2714\u2611]|认证[^,;。.!?\s]{0,8}(?:做|办)的|年审[^,;。.!?]{0,3}(?:过了|通过)|年审(?:刚|已经?)过(?!期)|已(经)?(完成)?(微信)?认证|认证(了|过|好了|完成|通过)|认证.{0,3}(做完|做好|弄好|弄完|搞完|办完|办好|搞定)|通过(了)?(微信)?认证|\bverified\b(?!\s*[:=]?\s*n\/?a\b)(?!\s+(?:on(?!\s+(?:\d|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|the \d))|with|against)\b|\s+in (?:the|our|a|an|my|both|all|each|every|staging|prod|test|beta)\b|\s+(?:that|it)\b)|\bverification\b[^.,;!?]{0,20}\b(?:was |is |has been )?(?:completed|done|finished|passed|approved)\b/i;
const YES = /^(是|是的|对|对的|嗯是的|yes|yep|yeah|correct)[.!。!]*$/i;
const YES_AND_YES = /^(?:yes|yep|是的?|对)\s*(?:and|&|,|，|和|也)\s*(?:yes|yep|是的?|对)\b/i;
const LEADING_YES = /^(?:\d+[.、)）]\s*)?(?:是的|是|对的|对|yes|yep|yeah)(?=[\s,，.。!！]|$)/i;
/**
 * "认证资料上周交了", "submitted the verification documents": the verification applied for — not verified yet, unless
 * the same message says it came through ("…，昨天通过了").
 */
const VERIFICATION_SUBMITTED =
  /认证(?:的)?(?:资料|材料|申请|文件)[^,;。.!?]{0,6}(?:交了|交过了|提交|递交|送审|发过去了)|(?:提交|递交|交)了?(?:微信)?认证(?:的)?(?:资料|材料|申请)|\bverification (?:documents?|docs|papers|materials|application)\b[^.;!?]{0,16}\b(?:submitted|sent|filed|handed in)\b|\b(?:submitted|sent|filed|handed in) (?:the |our )?verification (?:documents?|docs|papers|materials|application)\b/i;
const CAME_THROUGH = /通过|过了|下来了|\bapproved\b|\bpassed\b|\bwent through\b|\bcame through\b/i;

/** `whose`: the message also says whose account it is, so a clause about the verification is about this one's. */
function verificationOf(text: string, whose: boolean): boolean | undefined {
  if (UNVERIFIED.test(text)) return false;
  if (VERIFIED.test(text)) return true;
  if (VERIFICATION_SUBMITTED.test(text) && !CAME_THROUGH.test(text)) return false;
  // Only a company's MP can be verified, so "done" says whose it is too; "not yet" alone may be a plan ("if it's needed").
  const byClause = verificationByClause(text);
  return byClause === false && !whose ? undefined : byClause;
}

const VERIFICATION_WORD = /认证|認證|\bverif(?:y|ied|ication)\b/i;
/** Not done (yet), under way, hoped for or planned: the MP is not verified today. */
const NOT_DONE_YET =
  /还没|還沒|没|沒|未|不|审核|審核|还在|還在|正在|在走|在办|在弄|如果|要是|等|下来再|\b(?:not|no|yet|still|pending|review|reviewing|in progress|under way|underway|if|once|will|going to|waiting|submitted|applying|applied)\b/i;
const DONE = /通过|通過|过了|好了|完成|搞定|下来了|已|\b(?:done|passed|approved|completed|complete|through)\b/i;

/**
 * The clause that names the verification says how it stands, in words the lists above do not hold ("verification
 * 还没弄", "verification is in review now", "如果这周能认证下来", "认证上周已经通过了"): not done yet wins over done.
 */
function verificationByClause(text: string): boolean | undefined {
  const clauses = text.split(/[,;。.!?，；！？\n—–]|\s-\s/).filter((c) => VERIFICATION_WORD.test(c));
  if (clauses.length === 0) return undefined;
  if (clauses.some((c) => NOT_DONE_YET.test(c))) return false;
  return clauses.some((c) => DONE.test(c)) ? true : undefined;
}

const HEDGED_VERIFICATION =
  /认证[^,;。.!?]{0,12}(?:好像|可能|应该|大概|也许)|(?:好像|可能|应该|大概|也许)[^,;。.!?]{0,6}认证|\bverif\w*[^.,;!?]{0,20}\b(?:i think|probably|maybe|i guess|i believe)\b|\b(?:i think|probably|maybe|i guess|i believe)\b[^.,;!?]{0,20}\bverif/i;

/** "registered by our founder with his personal ID I think", "好像是个人注册的": whose account it is, guessed. */
const GUESS = /\b(?:i think|i guess|i believe|probably|maybe|perhaps|not sure)\b|好像|可能|大概|也许|估计|应该是/i;
const WHOSE = /个人|公司|企业|主体|注册|\bpersonal\b|\bindividual\b|\bcompany\b|\bregistered\b|\bunder\b/i;

function guessesWhose(text: string): boolean {
  return text.split(/[,;。.!?\n]/).some((clause) => GUESS.test(clause) && WHOSE.test(clause));
}

/**
 * "the mini program itself hasn't been registered yet", "小程序还没注册": there is no account yet, so nothing to say
 * whose it is — pending, not a personal account (corpus A; F's line 10 reads it as `registered: false`).
 */
/**
 * "我们还没认证，只能加10个吧？…": the message says the MP is not verified, whether or not it says the rest of the account
 * (then nothing is recorded for the account, but the developer limit it sets applies). The Open Platform's is another.
 */
export function saysUnverified(text: string): boolean {
  return UNVERIFIED.test(text) && !HEDGED_VERIFICATION.test(text) && !/开放平台|open platform/i.test(text);
}

export const NOT_REGISTERED =
  /(?:还|都|也)?(?:没|未|没有|尚未)(?:有)?注册|\b(?:hasn'?t|has not|haven'?t|have not|isn'?t|is not|not)\s+(?:been\s+|yet\s+)*registered\b(?!\s+(?:to|under|as|with))/i;

/**
 * "yes it's under our company name (…). verification still pending": whose account it is, said anywhere in the message
 * (the verification's own segment may not say it). Undefined when the message does not say, or guesses.
 */
export function registrationIn(raw: string): boolean | undefined {
  const text = withoutOtherAccounts(withoutPlans(withoutRetracted(raw)));
  if (REGISTERED_DOUBTED.test(text)) return REGISTERED_YES.test(text) ? true : undefined;
  return guessesWhose(text) ? undefined : whoseAccount(text);
}

/**
 * Whose account the words say it is (undefined: they do not say). Contrast decides: "不是个人的，是公司主体" is a company,
 * "个人身份注册的，不是公司主体" is not.
 */
function whoseAccount(text: string): boolean | undefined {
  const notCompany = NOT_COMPANY.test(text);
  const notIndividual = NOT_INDIVIDUAL.test(text);
  if (notCompany !== notIndividual) return notIndividual;
  if (INDIVIDUAL.test(text)) return false;
  return COMPANY.test(text) || REGISTERED_SAID.test(text) ? true : undefined;
}

/** "注册了", "注册好了", "Registered: yes": registered, said in so many words (an MP is registered by a company or a person). */
const REGISTERED_SAID =
  /(?<![没未还])注册(?:是注册)?(?:了|好了|过了)|\bregistered\s*[:：]\s*(?:yes|y|✅|true)\b|\byes,? registered\b|\bregistered,\s*(?:yes|yep)\b|\bregistered\s*(?:&|and|\+)\s*verified\b|\b(?:is|are|we'?re|it'?s) registered\b(?!\s+(?:to|under|as|by)\s+(?:a |an |my |his |her )?(?:individual|person))/i;

const NOT_UNVERIFIED = /(?:而)?不是\s*(?:未|没有?|还没|尚未)认证(?:的|过)?/g;
const NOT_VERIFIED = /(?:而)?不是\s*(?:已经?)认证(?:的|过)?/g;
const DENIED_STATUS =
  /(?:没说|\bnot saying\b|\bdidn'?t say\b)[^.;。!?]{0,16}?(?:un)?verified|(?:没说|没有说)[^,;。!?]{0,8}认证(?:了|过)?/gi;

/** "认证 ok 的话…", "if verified": a condition ("认证的话" alone only names the topic: "as for the verification"). */
const CONDITION = /的话|如果|要是|假如|(?<!\b(?:correct me|let me know|tell me|know) )\bif\b/i;
const TOPIC = /(?:认证|verification)\s*的话/gi;
const conditional = (text: string) => CONDITION.test(text.replace(TOPIC, ' '));
/** A Chinese yes or no is the answer only where it ends its clause ("认证是说的公众号" is no yes). */
const CLAUSE_END = String.raw`(?=\s*(?:$|[,;。.!?，；！？]|\p{Extended_Pictographic}))`;
const ANSWER_YES = String.raw`(?:yes|yep|yeah|(?:是的?|有的?|对的?)${CLAUSE_END}|✅|✔️?|☑️?|👍|ok|done)`;
const ANSWER_NO = String.raw`(?:no|nope|(?:否|还?没有?|无|不是|未)${CLAUSE_END}|❌|✖️?|✗|×|not yet|pending)`;
const SAID_AFTER = String.raw`\s*[:：=\-–—?？]?\s*`;
const NOT_AN_ANSWER = String.raw`(?![a-z-])(?!\s*(?:problems?|issues?|idea|worries)\b)`;
const VERIFICATION_NAME = String.raw`(?:认证|verified|verification)`;
const ACCOUNT_NAME = String.raw`(?:企业号|企业主体|公司主体|企业|主体|enterprise(?: account)?|company(?: account)?|registered(?: to (?:the |our )?company)?)`;
const VERIFIED_YES = new RegExp(`${VERIFICATION_NAME}${SAID_AFTER}${ANSWER_YES}${NOT_AN_ANSWER}`, 'iu');
const VERIFIED_NO = new RegExp(`${VERIFICATION_NAME}${SAID_AFTER}${ANSWER_NO}${NOT_AN_ANSWER}`, 'iu');
const REGISTERED_YES = new RegExp(`${ACCOUNT_NAME}${SAID_AFTER}${ANSWER_YES}${NOT_AN_ANSWER}`, 'iu');
/** "认证✅ 企业主体❓": whose account it is, marked unknown. */
const REGISTERED_DOUBTED = new RegExp(`${ACCOUNT_NAME}\\s*[❓❔?？]`, 'u');

/**
 * "企业号 yes 认证 yes", "enterprise yes, verified no", "Company account ✅ verified ❌": each half named, then its answer —
 * what the client ticked, whatever the words around say.
 * The halves ticked one by one, or undefined when neither is.
 */
function tickedHalves(text: string): EnterpriseAccount | undefined {
  const no = VERIFIED_NO.test(text);
  const yes = VERIFIED_YES.test(text);
  const verified = no === yes ? undefined : yes;
  const registered = REGISTERED_YES.test(text) ? true : undefined;
  if (verified === undefined && registered === undefined) return undefined;
  return {
    ...(registered === undefined ? {} : { registered }),
    ...(verified === undefined ? {} : { verified }),
  };
}

export function readEnterprise(input: ReadInput): Draft[] {
  // "个人微信注册的，后面可能迁到公司名下": a plan is not the account the MP has; "公众号是认证的" is another account's.
  // "我们是已认证的，不是未认证", "不是已认证的": a status denied is its opposite; "没说认证了" says nothing of it.
  const text = withoutOtherAccounts(withoutPlans(withoutRetracted(input.text)))
    .replace(NOT_UNVERIFIED, ' 已认证 ')
    .replace(NOT_VERIFIED, ' 未认证 ')
    .replace(DENIED_STATUS, ' ');
  if (NOT_REGISTERED.test(text) && !COMPANY.test(text)) return [];
  // "是的，已认证" to "registered to your company, and verified?": the yes answers the first half.
  // "Yes and yes." to "registered to your company, and verified?": both halves.
  if (YES_AND_YES.test(text.trim())) return [value({ registered: true, verified: true })];
  // "认证 ok 的话多久能上线": ticked under a condition is no answer.
  const ticked = conditional(text) ? undefined : tickedHalves(text);
  const doubted = REGISTERED_DOUBTED.test(text);
  const registered = doubted
    ? ticked?.registered
    : (ticked?.registered ?? whoseAccount(text) ?? (LEADING_YES.test(text.trim()) ? true : undefined));
  // "registered by our founder with his personal ID I think": a guess at whose account it is records nothing.
  if (guessesWhose(text)) return [];
  // "主体是公司，认证应该是做过的吧", "registered yes, verified I think": the verification guessed at is not recorded; the
  // half said for sure is ("认证中 这周应该能过" is firmly not verified yet: the guess is about when).
  if (!UNVERIFIED.test(text) && HEDGED_VERIFICATION.test(text))
    return registered === undefined ? [] : [value({ registered })];
  // "verification yes but still under review", "认证 yes，不过去年的认证已经过期了": the status said after the tick stands.
  // "认证 ok 的话多久能上线": verified under a condition is not said (not verified yet, "如果这周能认证下来", is).
  const verifiedIf = text.split(/[,;。!?\n]/).some((c) => VERIFICATION_WORD.test(c) && conditional(c));
  const said =
    ticked?.verified === true && UNVERIFIED.test(text)
      ? false
      : (ticked?.verified ?? verificationOf(text, registered !== undefined));
  const verified = verifiedIf && said === true ? undefined : said;
  if (registered === undefined && verified === undefined) {
    return input.bare && YES.test(text.trim()) ? [value({ registered: true })] : [];
  }
  // "已认证" alone is `{verified: true}`: whose account it is was not said (only a company can verify, but the record
  // holds what the client said; the developer limit needs only `verified`).
  const account: EnterpriseAccount = {
    ...(registered === undefined ? {} : { registered }),
    ...(verified === undefined ? {} : { verified }),
  };
  return [value(account)];
}

// === Merchant account (商户号)

/** "另外我们不做在线支付", "no payments in v1": the MP takes no payments — the merchant account does not apply. */
export const NO_PAYMENTS =
  /不在小程序(?:里|上)?(?:收款|收钱|支付|付款)|只(?:做)?展示|纯展示|不收钱|不卖东西|不卖货|不(?:在线|线上)?(?:卖|销售)|\b(?:we )?only (?:show|display|showcase)\b|\bdon'?t sell\b|\bdisplay only\b|(没有|不涉及|不需要|无|不用|暂不|暂时不|不)(开通|做|接入|搞|弄)?(涉及)?(在线|线上)?(微信)?(支付|收款|付款|\s?payments?\b)|(?:没|不)(?:打算|计划|准备)(?:做|开通|接入|搞|弄|接|开|上|用)?(?:在线|线上)?(?:微信)?(?:支付|收款|付款)|(支付|收款|付款)(功能)?\s*:?\s*(暂时|目前|暂|也)?(没有|不涉及|不需要|无|暂无|不用(?!你们|您|操心|管|担心))|\bno (online )?payments?\b(?!\s+(?:issues?|problems?|errors?|failures?|failed)\b)|\b(doesn'?t|does not|won'?t|will not|don'?t|do not)\s+(take|accept|need|have|involve|support|want)\s+(any\s+)?(online\s+)?payments?\b(?!\s+to\b)|\bpayments?\s*:?\s*(no|none|n\/a|not needed)\b|\b(?:won'?t|will not|are not|aren'?t|don'?t|do not)\s+(?:be\s+)?(?:using|use|offering|offer)\s+(?:any\s+)?(?:online\s+)?(?:wechat\s*pay|payments?)\b|\bnot taking payments\b/i;
const APPLYING =
  /还在验证|驳回|被拒|重新提交|\brejected\b|\bresubmit|\bapplication (?:was |has been |is )?(?:submitted|filed|sent|in)\b|\b(?:submitted|filed|sent in)\b[^.;,]{0,24}\bapplication\b|在验证|打款验证|\bverifying\b|申请中|在申请|正在申请|已(经)?申请|申请了|提交(了)?申请|审核中|在审核|在办|办理中|在走流程|在开通|开通中|还没(下来|批|批下来|通过|审核通过|审批)|没(下来|批下来)|等(审核|审批|批复)|\bapplying\b|\bapplied\b|\bnot (yet )?approved\b|\bpending\b|\bin progress\b|\bunder review\b|\bbeing processed\b|\bprocessing\b|\bwaiting for (approval|review)\b/i;
const NONE =
  /没有|没|无|未开通|还没|尚未|未申请|\bnot yet\b|\bdon'?t have\b|\bdo not have\b|\bhaven'?t\b|\bhave not\b|\bno\b(?!\.?\s*[:：#]?\s*\d)|\bnone\b|\b(not|isn'?t|aren'?t|wasn'?t)( been)? (opened|registered|set up|active|ready)\b/i;
// "下来了发你商户号": once it comes through (a condition) is not "it came through".
const ACTIVE =
  /已(经)?开通|开通了|开好了|有商户号|已有|已经有|下来了(?!\s*(?:再|就|会)?(?:发|给|告诉|通知))|\bactive\b|\bopened\b|\bhave (one|a merchant|it)\b|\balready (have|got)\b/i;
/** Digits that may be a merchant ID: 6+ in a bare answer, 4+ after "商户号" ("商户号是1234" is an attempt). */
/** Digits inside a longer letters-and-digits run ("0a1b2c3d4e5f60718293a4…", a secret) are no merchant ID. */
/** A full stop after the digits ends the sentence ("ID 1649134641."); one between digits or letters is no end. */
const BARE_DIGITS = /(?<![\dA-Za-z.])\d{6,14}(?![\dA-Za-z]|\.[\dA-Za-z])/g;
const NAMED_DIGITS = /(?<![\dA-Za-z.])\d{4,14}(?![\dA-Za-z]|\.[\dA-Za-z])/g;
const ANY_DIGITS = /(?<![\dA-Za-z.])\d{4,}(?![\dA-Za-z]|\.[\dA-Za-z])/g;
/**
 * An 11-digit mainland mobile number is a phone number, never a merchant ID — unless it is given right after the merchant
 * ID's own label and a colon or "is" ("商户号：1927…", "merchant ID is 1927…"): then it is a merchant ID mistyped, refused
 * with its reason. After the label and a space only ("商户号 1380…") it stays a phone number.
 */
const MOBILE = /^1[3-9]\d{9}$/;
const MERCHANT_LABEL_BEFORE =
  /(?:商户号|商户id|\bmerchant\s*(?:id|no\.?|number)|\bmch_?id)\s*(?:是|为|:|=|\bis\b)\s*$/i;

function isPhone(text: string, start: number, digits: string): boolean {
  return MOBILE.test(digits) && !MERCHANT_LABEL_BEFORE.test(text.slice(Math.max(0, start - 20), start));
}

/** "单笔限额5000", "limit of 20000 RMB", "¥3000": a sum of money is no merchant ID, not even a mistyped one. */
const AMOUNT_BEFORE = /(?:限额|额度|金额|上限|限制|\blimit\b|\bcap\b|[¥￥$]|\brmb\b|\bcny\b)[^,;。!?\n\d]{0,8}$/i;
const AMOUNT_AFTER = /^\s*(?:元|块|万|千|百|rmb\b|cny\b|yuan\b)/i;

function isAmount(text: string, start: number, end: number): boolean {
  return AMOUNT_BEFORE.test(text.slice(Math.max(0, start - 12), start)) || AMOUNT_AFTER.test(text.slice(end, end + 6));
}

/**
 * "就是公众号用的那个 1505…", "same as our Official Account's: 1505…": one merchant account may serve several apps, so
 * the Official Account's, said to be reused, is ours too. (An App ID never is: each app has its own.)
 */
const REUSED_BEFORE =
  /(?:就是|也是|就用|沿用|共用|跟|和|同)(?:公众号|服务号|app|官网)[^,;。]{0,8}$|\b(?:same as|shared with|reuse)\s+(?:the |our )?(?:official account|oa|app)\b[^,;.]{0,16}$/i;

export function isNotOurs(text: string, start: number, end: number): boolean {
  return isRuledOut(text, start, end) && !REUSED_BEFORE.test(text.slice(Math.max(0, start - 24), start));
}

function merchantIds(text: string, bare: boolean): Draft[] {
  return [...text.matchAll(bare ? BARE_DIGITS : NAMED_DIGITS)]
    .filter(
      (m) =>
        !isPhone(text, m.index, m[0]) &&
        !isAmount(text, m.index, m.index + m[0].length) &&
        !isNotOurs(text, m.index, m.index + m[0].length),
    )
    .map((m) =>
      MERCHANT_ID.test(m[0])
        ? value({ status: 'active', merchant_id: m[0] })
        : invalid(m[0], 'reason.merchant_id', { input: m[0] }),
    );
}

function merchantIdOf(d: Draft): string | undefined {
  const v = d.kind === 'value' ? d.value : undefined;
  return typeof v === 'object' && v !== null && 'merchant_id' in v && typeof v.merchant_id === 'string'
    ? v.merchant_id
    : undefined;
}

/** "we haven't applied", "还没申请": no account and no application either. */
const NOT_APPLIED =
  /\b(?:haven'?t|have not|has not|hasn'?t|not)\s+(?:yet\s+)?(?:applied|started)\b|(?:还没|没有?|未|尚未)(?:去)?申请/i;

/** "商户号财务那边还没给我", "finance hasn't sent it to me": the number is still to be handed over — later, not "none". */
const NOT_HANDED_OVER =
  /(?:还没|没|未|尚未)(?:有)?(?:给|发(?!起)|告诉|拿到|收到|转)(?:我|给我|过来|我们|你)|\b(?:hasn'?t|haven'?t|has not|have not|didn'?t|did not) (?:yet )?(?:given|sent|passed|forwarded|shared) (?:it|me|us|the)\b/i;

/** "Still no news on the merchant account", "商户号那边还没消息": no news is no status. */
const NO_NEWS = /\bno (?:news|update|word|reply)\b|没(?:有)?(?:消息|动静|回复|回音)/i;

/** "no payment issues", "支付都正常": how payments work, not whether there are any. */
const NO_ISSUES = /\bno (?:payment )?(?:issues?|problems?|errors?)\b|支付(?:都)?(?:没(?:有)?问题|正常)/i;
/** "不是没有支付": the no-payments words denied ("刚才说没有支付不对", taken back, is withoutRetracted's). */
const PAYMENTS_DENIED = /(?:不是|并非)(?:没有?|不)(?:做|接|开通)?(?:在线|线上)?(?:支付|收款|付款)/g;

function merchantStatus(said: string): MerchantAccount | 'n/a' | undefined {
  const text = withoutRetracted(said).replace(PAYMENTS_DENIED, ' ');
  if (NO_ISSUES.test(text)) return undefined;
  if (NO_PAYMENTS.test(text)) return 'n/a';
  if (NO_NEWS.test(text)) return undefined;
  if (NOT_HANDED_OVER.test(text)) return undefined;
  if (NOT_APPLIED.test(text)) return { status: 'none' };
  if (APPLYING.test(text)) return { status: 'applying' };
  // "so no merchant account needed", "商户号不需要": no account because none is needed — the item does not apply.
  if (NONE.test(text)) return NOT_NEEDED.test(text) ? 'n/a' : { status: 'none' };
  if (ACTIVE.test(text)) return { status: 'active' };
  return undefined;
}

const NOT_NEEDED =
  /不需要|无需|用不[到上着]|\bno (?:[\w-]+ ){0,3}(?:needed|required)\b|\bnot (?:needed|required)\b|\bdon'?t need\b|\bno need\b/i;

/** Still under review, said beside a merchant ID. */
export const PENDING =
  /申请中|审核中|在审核|审批中|等(?:待)?(?:审核|审批|批复)|办理中|开通中|还没(?:下来|批|通过)|没(?:下来|批下来|通过)|\bpending\b|\bunder review\b|\bin review\b|\bnot (?:yet )?approved\b/i;

const NOT_LIVE =
  /(?:还没|尚未|未|没有?)(?:签约|激活|开通|生效|上线|绑定)|\bnot (?:yet )?(?:signed|activated|active|live)\b|\bawaiting (?:signing|activation)\b/i;

/** "还没签约": signing comes after approval — the account is on its way, not absent. */
const TO_SIGN =
  /(?:还没|尚未|未|没有?)(?:签约|激活)|\bnot (?:yet )?(?:signed|activated)\b|\bawaiting (?:signing|activation)\b/i;
const APPROVED = /(?:审核|审批)?通过了?|批下来了?|\bapproved\b/i;

/** A bare "没有" to "是否涉及支付？如涉及，商户号…": no payments, or no merchant account yet? Not told: nothing read. */
const MERCHANT_BARE_NO = /^(没有|没|无|no|none|nope)$/i;

export function readMerchant(input: ReadInput): Draft[] {
  if (input.bare && MERCHANT_BARE_NO.test(input.text.trim())) return [];
  const ids = merchantIds(input.text.replace(/(?<=\d) (?=\d)/g, ''), input.bare); // "1900 0001 09"
  // "审核通过了 商户号 … 但是还没签约": approved is not usable yet — still applying, whatever its number.
  if (ids.some((d) => d.kind === 'value') && NOT_LIVE.test(input.text)) return [value({ status: 'applying' })];
  // "商户号3313125670审核中 还没通过": the number is given while the application is still under review — applying.
  // ("sorry earlier I said 申请中, actually it's active already: 1251049244": the status taken back is not said.)
  const given = ids.length === 1 && PENDING.test(withoutRetracted(input.text)) ? ids[0] : undefined;
  const pending = given ? merchantIdOf(given) : undefined;
  if (pending) return [value({ status: 'applying', merchant_id: pending })];

  if (ids.length > 0) return ids;
  // "我们集团另一个品牌有商户号 1950891291": the words around a number the client rules out are about that account.
  const digits = input.text.replace(/(?<=\d) (?=\d)/g, '');
  // "测试付款的单号 4200…，钱扣了没退": so are the words around a payment's order number — no account status.
  if ([...digits.matchAll(ANY_DIGITS)].some((m) => isNotOurs(digits, m.index, m.index + m[0].length))) return [];
  // "审核通过了但还没签约": approved, not live — still applying.
  if ((APPROVED.test(input.text) && NOT_LIVE.test(input.text)) || TO_SIGN.test(input.text))
    return [value({ status: 'applying' })];
  const status = merchantStatus(input.text);
  if (status === 'n/a') return notApplicable(input);
  if (status) return [value(status)];
  return saysNotApplicable(input.text) ? notApplicable(input) : [];
}

// === UGC (user-generated content) and its licence

const UGC_WORDS =
  'ugc|视频上传|上传视频|短视频|用户生成的?内容|点评|评价|留言|晒图|用户内容|用户发布|用户评论|评论|发帖|用户上传|晒单|社区|user[- ]generated( content)?|user content|comments|posts|reviews';
const UGC_NO = new RegExp(
  `(?:没有|无|不支持|不提供|不开放)(?:任何)?(?:让|给)?(?:用户|顾客|会员|客人)(?:可以|能)?(?:发|上传|评论|发布|留言|晒|写)|\\bno (?:place|way|where) for (?:users|customers|people|anyone) to\\b|\\bnothing (?:users|customers|people|members) can (?:post|upload|write|share|comment)(?=\\s*(?:$|[.,;!]))|\\b(?:users|customers) (?:can'?t|cannot) (?:post|upload|comment|write)\\b|(用户|顾客|会员)(不能|不可以|无法|不会)(发|上传|评论|发布|留言)|^(没有|没|无|no|none)[\\s,.]+|(没有|无|不涉及|不需要|不包含|不含|不会有|不支持|不做|不搞|不弄|不开放|不上|没)(任何)?(用户|顾客|会员)?(${UGC_WORDS})|(${UGC_WORDS})(功能|内容)?\\s*:?\\s*(没有|无|不涉及|不需要|暂无|暂时没有|也没有|没|no|none|n/a)(?![a-z])|\\bno (${UGC_WORDS})\\b|\\b(doesn'?t|does not|won'?t|will not|don'?t|do not)\\s+(have|include|allow|contain|involve|do|offer|support)\\s+(any\\s+)?(${UGC_WORDS})\\b`,
  'i',
);
const UGC_YES = new RegExp(
  `有\\s*(用户|顾客|会员)?(${UGC_WORDS})|(用户|会员|顾客)(可以|能|会)(发|评论|上传|发布|晒|写|留言)|\\busers? (can|could|will|may) (post|comment|upload|write|share|leave)|(?<![不没未无])涉及|(?<![不没未无])包含|(ugc|用户生成内容)\\s*:?\\s*(有|yes|是)|\\b(has|have|includes?|allows?|contains?)\\s+(some\\s+)?(${UGC_WORDS})\\b|\\byes\\b|^有的?$|^是的?$`,
  'i',
);
const BARE_NO =
  /^(?:这个|这块|这方面|我们|我们这边|暂时|目前|现在|暂|都|也|\s)*(没有|没|无|不涉及|no|none|nope)\s*(?:啊|呀|的|哦|喔|啦|了)?[.!。]*$/i;
const LICENCE_CN =
  /《([^》]{2,30})》|((?:ICP|EDI|SP|B2)?[\u4e00-\u9fa5]{2,14}(?:许可证|备案|资质)|(?:ICP|EDI|SP)\s?(?:经营)?许可证)/;
/**
 * A licence's number: a telecom licence's `沪B2-20210387`, a network culture licence's `粤网文〔2022〕1234-056号` (any
 * bracket round its year).
 */
export const LICENCE_NO =
  '[\\u4e00-\\u9fa5]?B[12]-\\d{6,10}|[\\u4e00-\\u9fa5]{0,2}网文\\s*[〔\\[(（【]\\s*\\d{4}\\s*[〕\\])）】]\\s*\\d{1,6}(?:-\\d{1,4})?\\s*号';
/** "ICP经营许可证 沪B2-20210387", "ICP经营许可证号 沪B2-…": the licence's number after its name belongs to it. */
const LICENCE_NUMBER = new RegExp(`^\\s*》?\\s*(?:号|编号|号码|證號|证号)?\\s*:?\\s*(${LICENCE_NO})`);
/** "ICP Commercial Licence (增值电信业务经营许可证)": the English name with its Chinese one in brackets, as written. */
const BRACKETED_AFTER = /^\s*(\([^()]{2,30}\))/;
const LICENCE_EN =
  /((?:(?!(?:The|A|An|Our|This|That|Your|No|Any|Its)\s)[A-Z][A-Za-z-]*\s+){1,5}(?:[Ll]icen[cs]e|[Pp]ermit))/;
/**
 * "We hold an ICP commercial licence (沪B2-20190877)": named with its number in brackets, an English name may have
 * lower-case words after a capitalised first one (no function words: "We hold an ICP …" starts at ICP).
 */
const LICENCE_EN_NUMBERED =
  /((?:(?!(?:The|A|An|Our|This|That|Your|No|Any|Its|We|I)\s)[A-Z][A-Za-z-]*\s+)(?:(?!(?:the|a|an|our|we|i|this|that|your|no|any|its|hold|have|has|got|and|or|with|for|of|is|are|do|not)\s)[A-Za-z-]+\s+){0,4}(?:[Ll]icen[cs]e|[Pp]ermit))\s*(\([\u4e00-\u9fa5]?B[12]-\d{6,10}\))/;
const LICENCE_LEAD =
  /^(我们|我司|公司)?(已经|已|还在|正在|取得了|取得|拿到了|拿到|办了|办好了|申请了|申请|持有|有|在办|需要|也)+/;
const LICENCE_STATUS = /申请中|办理中|在办|审核中|\bpending\b|\bin progress\b/i;

/** "资质：网络文化经营许可证（已取得）", "Licence: 沪B2-20210345": the labelled line, as written. */
const LICENCE_LABEL =
  /(?:资质|许可证|证照|牌照|\blicen[cs]e\b|\bpermit\b)(?:号|编号|名称|\s*(?:no\.?|number))?\s*[:=]\s*([^\n;。]+)/i;
/** "（已取得）": a status the client wrote after the licence's name belongs to it. */
const STATUS_AFTER = /^\s*(\([^()]{1,12}\))/;

/** "视听许可证我们没有": the licence named is one the client does not hold. */
const NOT_HELD = /^[^,;。.!?]{0,6}(?:没有|还没|没|未|无|\bnot\b|\bdon'?t have\b)/i;

/** "ICP经营许可证我们有，证号粤B2-20210345": the number said later in the same sentence is still the licence's. */
const LICENCE_NUMBER_LATER = new RegExp(
  `^[^。;\\n]{0,30}?(?:证号|證號|编号|編號|号码|號碼|许可证号|許可證號|\\bno\\.?|\\bnumber\\b)\\s*:?\\s*(${LICENCE_NO})`,
  'i',
);

/** "We don't have an ICP licence", "还没有ICP许可证": the licence named right after a denial is not held. */
const NOT_HELD_BEFORE =
  /(?:\b(?:don'?t|do not|doesn'?t|does not|haven'?t|have not|hasn'?t|has not)\s+(?:have|hold|got|get)?\s*(?:an?|any|the)?|\bno|\bwithout(?:\s+an?)?|没有|沒有|还没|還沒|没|沒|无|無)\s*$/i;

const APPLIED_FOR =
  /\b(?:applying|to apply|will apply|expected|in progress|under review)\b|申请中|在申请|正在办|在办|预计|办理中/i;

function licenceOf(text: string): string | undefined {
  const named = licenceNamed(text);
  const rest = named === undefined ? '' : text.slice(text.indexOf(named) + named.length);
  const number = named === undefined ? undefined : (LICENCE_NUMBER.exec(rest) ?? LICENCE_NUMBER_LATER.exec(rest));
  // "已有《网络文化经营许可证》沪网文〔2023〕1147-082号": a name in book-title marks and its number, as written.
  const titled = named === undefined ? -1 : text.indexOf(`《${named}》`);
  const numberAt = number?.[1] && titled >= 0 ? text.indexOf(number[1], titled) : -1;
  const found =
    named !== undefined && number?.[1] && numberAt >= 0
      ? `《${named}》${/\s/.test(text.slice(titled + named.length + 2, numberAt)) ? ' ' : ''}${number[1]}`
      : named !== undefined && number?.[1] && text.includes(named)
        ? `${named} ${number[1]}`
        : named;
  if (found === undefined) return undefined;
  // "licence: … Legal is applying for the ICP licence, expected end of month": a licence still applied for is none held.
  if (APPLIED_FOR.test(found)) return undefined;
  const at = text.indexOf(found.split(' ')[0] ?? found);
  if (at >= 0 && NOT_HELD_BEFORE.test(text.slice(Math.max(0, at - 30), at))) return undefined;
  return at >= 0 && NOT_HELD.test(text.slice(at + (found.split(' ')[0] ?? found).length)) ? undefined : found;
}

function licenceNamed(text: string): string | undefined {
  const labelled = LICENCE_LABEL.exec(text)?.[1]
    ?.trim()
    .replace(/[.,!]+$/, '');
  // A pending status reads as the licence's status ("EDI License pending"), like an unlabelled one.
  if (
    labelled &&
    (labelled.length >= 4 || /^[A-Z0-9]{2,}$/.test(labelled)) &&
    !/^(没|未|无|no\b|none\b|n\/a)/i.test(labelled)
  ) {
    return labelled.replace(/\s*\(([^()]+)\)$/, (whole, inner: string) =>
      LICENCE_STATUS.test(inner) ? ` ${inner}` : whole,
    );
  }
  const numbered = LICENCE_EN_NUMBERED.exec(text);
  if (numbered?.[1] && numbered[2]) return `${numbered[1].trim()} ${numbered[2]}`;
  const en = LICENCE_EN.exec(text);
  const enBracket = en ? BRACKETED_AFTER.exec(text.slice(en.index + en[0].length))?.[1] : undefined;
  if (en?.[1] && enBracket) return `${en[1].trim()} ${enBracket}`;
  const cn = LICENCE_CN.exec(text);
  // "在办ICP许可证": a licence still being applied for, said before its name, is not held (corpus D).
  if (cn && /(?:在办|在申请|申请中|办理中|正在办)\s*$/.test(text.slice(0, cn.index))) return undefined;
  if (cn) {
    const after = STATUS_AFTER.exec(text.slice(cn.index + cn[0].length))?.[1];
    const name = (cn[1] ?? cn[2] ?? '').replace(LICENCE_LEAD, '');
    if (after && name.length >= 4 && !/没|未|无|^(的|相关|对应|这个|什么)/.test(name)) return `${name}${after}`;
  }
  const name = cn ? (cn[1] ?? cn[2] ?? '').replace(LICENCE_LEAD, '') : LICENCE_EN.exec(text)?.[1]?.trim();
  // "需要的资质" names no licence; neither does "还没有许可证".
  // "说经营类目和资质不符": a review's complaint names no licence.
  if (!name || name.length < 4 || /没|未|无|类目|不符|^(的|相关|对应|这个|什么|说)/.test(name)) return undefined;
  const status = LICENCE_STATUS.exec(text)?.[0];
  return status ? `${name} ${status}` : name;
}

/** "以后可能会有评论功能", "might add reviews later": a plan, not UGC the release has. */
const FUTURE =
  /以后|将来|未来|可能|打算|计划|考虑|后期|后面|规划|下一期|二期|\blater\b|\bmaybe\b|\bmight\b|\bplan(?:ning)? to\b|\bin the future\b|\bnext (?:phase|version)\b/i;

/** The clauses of a text that are not about another account (isOtherAccountClause). */
function withoutOtherAccounts(text: string): string {
  return text
    .split(/(?<=[,;。!?\n])/)
    .filter((clause) => !isOtherAccountClause(clause))
    .join('')
    .trim();
}

function withoutPlans(text: string): string {
  return text
    .split(/(?<=[,;。!?\n])/)
    .filter((clause) => !FUTURE.test(clause))
    .join('')
    .trim();
}

/** "目前一期没有", "这期不涉及", "第一版没有(，二期再说)" (after the item was named): none in this release. */
const NONE_FOR_NOW =
  /^(?:其实|实际上|目前|现在|暂时|这期|一期|第一期|本期|这一期|第一版|首版|这版|这一版|本版|这个版本|v1|(?:但)?小程序(?:这边|上|里)?(?:还)?|\s)*(?:没有|没|无|不涉及)[.。!]*$/i;

/** "证号粤B2-20210345" in a clause of its own: the number of the licence named before it (merge.ts joins them). */
const NUMBER_ONLY = new RegExp(
  `^(?:证号|證號|编号|編號|许可证号|許可證號|号码|號碼|licen[cs]e\\s+(?:no\\.?|number)|no\\.?|number)?\\s*(?:是|为|為|:|\\bis\\b)?\\s*(${LICENCE_NO})[.。]?$`,
  'i',
);

/** "n/a", "UGC: N/A", "不适用", "not applicable": the item said not to apply, in so many words (not "no UGC"). */
const SAYS_NA =
  /^(?:(?:ugc|用户生成内容|ugc licen[cs]e|许可证)\s*[:=]?\s*)?(?:n\/?a|not applicable|不适用|唔适用)(?:\s*(?:for us|哈|啦|的))?[.。!]*$/i;

export function readUgc(input: ReadInput): Draft[] {
  // "之前说有UGC是我搞错了 其实没有": the words taken back say nothing.
  // "这期没有，下期再说": a later phase deferred leaves this release's answer.
  const text = withoutPlans(withoutRestLater(withoutRetracted(input.text)));
  if (text === '') return [];
  if (SAYS_NA.test(text.trim())) return notApplicable(input);
  const number = NUMBER_ONLY.exec(text)?.[1];
  if (number) return [value({ has_ugc: true, licence: number })];
  if (
    NONE_FOR_NOW.test(
      text
        .split(/[,;。]/)
        .filter((clause) => clause.trim() !== '')
        .at(-1)
        ?.trim() ?? '',
    )
  )
    return [value({ has_ugc: false })];
  if (UGC_NO.test(text) || (input.bare && BARE_NO.test(text))) return [value({ has_ugc: false })];
  const licence = licenceOf(text);
  if (!licence && !UGC_YES.test(text)) return [];
  const ugc: UgcLicense = licence ? { has_ugc: true, licence } : { has_ugc: true };
  return [value(ugc)];
}

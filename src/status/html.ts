/**
 * Safe HTML for the status and chat pages: a tagged template that escapes every interpolated
 * value unless it is already `SafeHtml`, plus the page layout and its small stylesheet.
 *
 *   const row = html`<td>${client.name}</td>`;          // "<script>" arrives as &lt;script&gt;
 *   sendText(res, 200, page({ locale, title, body: row }).value, 'text/html');
 */
import { type Locale, t } from '../i18n/index.js';

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Part = SafeHtml | string | number | null | undefined | false | readonly Part[];

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

function renderPart(part: Part): string {
  if (part === null || part === undefined || part === false) return '';
  if (part instanceof SafeHtml) return part.value;
  if (Array.isArray(part)) return part.map(renderPart).join('');
  return escapeHtml(String(part));
}

export function html(strings: TemplateStringsArray, ...parts: Part[]): SafeHtml {
  let out = strings[0] ?? '';
  parts.forEach((part, i) => {
    out += renderPart(part) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** A JSON value safe inside `<script>`: no `</script>` or `<!--` can close or confuse it. */
export function scriptJson(value: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/\u2028|\u2029/g, ''),
  );
}

/** A progress bar readable without colour too (the numbers sit beside it). */
export function progressBarHtml(done: number, total: number, label: string): SafeHtml {
  const percent = total === 0 ? 0 : Math.round((done / total) * 100);
  return html`<div class="bar" role="progressbar" aria-label="${label}" aria-valuemin="0" aria-valuemax="${total}" aria-valuenow="${done}"><span style="width:${percent}%"></span></div>`;
}

const STYLESHEET = `
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1d2330;background:#f5f6f8}
main{max-width:960px;margin:0 auto;padding:12px}header{display:flex;flex-wrap:wrap;gap:8px;align-items:baseline;justify-content:space-between}
h1{font-size:1.35rem;margin:.4rem 0}h2{font-size:1.1rem;margin:1.2rem 0 .4rem}a{color:#1a5fb4}small,.muted{color:#5c6370}
.card{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:10px 12px;margin:8px 0}
.card h2{margin:0 0 4px;font-size:1.05rem}.bar{height:10px;background:#e3e6ea;border-radius:5px;overflow:hidden;margin:6px 0}
.bar span{display:block;height:100%;background:#2e9d5b}.attn{border-left:4px solid #c0392b}.warn{color:#a5360f}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}dt{color:#5c6370}dd{margin:0;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse;background:#fff}th,td{text-align:left;padding:6px;border-bottom:1px solid #e3e6ea;vertical-align:top;overflow-wrap:anywhere}
.st{display:inline-block;padding:0 6px;border-radius:4px;background:#eef0f3;font-size:.85em;white-space:nowrap}
.st-done,.st-answered{background:#dff3e6}.st-blocked{background:#f9dcdc}.st-asked,.st-waiting{background:#fff1d6}
ol.timeline{list-style:none;padding:0}ol.timeline li{background:#fff;border:1px solid #e3e6ea;border-radius:6px;padding:6px 8px;margin:6px 0}
blockquote{margin:4px 0 0;padding-left:8px;border-left:3px solid #dde1e6;white-space:pre-wrap;overflow-wrap:anywhere}
form.login{max-width:380px}input,textarea,button{font:inherit}input[type=password],input[type=text],textarea{width:100%;padding:8px;border:1px solid #b9c0c8;border-radius:6px}
button{padding:8px 14px;border:0;border-radius:6px;background:#1a5fb4;color:#fff;cursor:pointer}.error{color:#a5360f;font-weight:600}
.files{display:flex;flex-wrap:wrap;gap:6px;margin-top:4px}.thumb{display:block;width:72px;height:72px;object-fit:cover;border:1px solid #dde1e6;border-radius:4px;background:#fff}
@media (max-width:600px){table.items thead{display:none}table.items td{display:block;border:0;padding:2px 6px}table.items tr{display:block;border-bottom:1px solid #e3e6ea;padding:4px 0}}
`;

export interface PageInput {
  locale: Locale;
  title: string;
  body: SafeHtml;
  /** Where the language switch points (same page, other `?lang=`). */
  otherLangHref?: string;
  extraStyle?: string;
  script?: SafeHtml;
}

export function page(input: PageInput): SafeHtml {
  const lang = input.locale === 'zh' ? 'zh-CN' : 'en';
  const switcher = input.otherLangHref
    ? html`<a class="lang" href="${input.otherLangHref}">${t(input.locale, 'web.other_lang')}</a>`
    : '';
  return html`<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${input.title}</title><style>${new SafeHtml(STYLESHEET + (input.extraStyle ?? ''))}</style></head><body><main><header><h1>${input.title}</h1>${switcher}</header>${input.body}</main>${input.script ?? ''}</body></html>`;
}

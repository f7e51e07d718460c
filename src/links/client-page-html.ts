/**
 * The client's private page (`/c/<token>`) as a function of its model: model in, HTML out — no
 * store, no request (web/client-page.ts gathers the model and handles the forms). Every value goes
 * through the escaping `html` template; the App secret is never put back into the page.
 *
 *   const model: ClientPageModel = { locale: 'en', clientName: 'Acme', scope: 'full', until, action, csrf, items, … };
 *   sendPage(res, 200, clientPageHtml(model));
 */
import { FINISHED, type ItemKey } from '../checklist/types.js';
import { acceptsNa, itemDef, isAskedOfClient } from '../checklist/items.js';
import { SHAPES } from '../checklist/shapes.js';
import { choiceValue } from '../conversation/flow.js';
import { choiceButtons, itemLabel } from '../conversation/questions.js';
import { formatBytes } from '../files/check.js';
import { type Locale, type Message, type MessageKey, render, t } from '../i18n/index.js';
import type { Item } from '../release/model.js';
import { maskSecret } from '../release/secrets.js';
import { displayValue, editableText } from '../status/format.js';
import { html, page, type SafeHtml } from '../status/html.js';

/** As a chat message (READ_LIMIT): longer is refused, not cut. */
export const MAX_FIELD_CHARS = 4000;

/** What a save did, said beside the item after the redirect. */
export type Outcome = 'saved' | 'na' | 'later' | 'undone' | 'unchanged' | 'uploaded';

export const OUTCOME_KEY: Record<Outcome, MessageKey> = {
  saved: 'page.saved',
  na: 'page.na_saved',
  later: 'page.later_saved',
  undone: 'page.undone',
  unchanged: 'page.unchanged',
  uploaded: 'page.uploaded',
};

/** A refusal to show beside an item's field (a rule's reason, or a file's refusal as said), with what was typed (never for a secret). */
export interface Problem {
  key: ItemKey;
  reason: Message | { text: string };
  typed?: string;
}

/** One item of the release as the page shows it, with the files kept for it. */
export interface PageItem {
  item: Item;
  files: readonly { number: number; name: string; bytes: number }[];
}

/** Everything the page shows: what the request handling read for one link, nothing more. */
export interface ClientPageModel {
  locale: Locale;
  clientName: string;
  /** `secret`: a single-use link for the App secret alone; `full`: every item of the client's. */
  scope: 'secret' | 'full';
  /** When the link expires, in the client's zone (formatted). */
  until: string;
  /** Where the forms post (the link, with `?lang=` when the page is not in the client's language). */
  action: string;
  /** The CSRF token every form carries. */
  csrf: string;
  items: readonly PageItem[];
  /** The item the contact's last change (still undoable) was about: the Undo button. */
  undo?: ItemKey;
  problem?: Problem;
  outcome?: { key: ItemKey; kind: Outcome };
}

/** The page for one link. */
export function clientPageHtml(model: ClientPageModel): SafeHtml {
  const { locale, clientName, scope } = model;
  const title = t(locale, scope === 'secret' ? 'page.secret_title' : 'page.title', { client: clientName });
  return page({ locale, title, body: pageBody(model), extraStyle: STYLE });
}

/** The same page for every link that does not open: unknown, expired, revoked, used. Says nothing about which. */
export function notFoundHtml(locale: Locale): SafeHtml {
  const body = html`<p class="error">${t(locale, 'page.not_found')}</p>`;
  return page({ locale, title: t(locale, 'page.not_found_title'), body });
}

/** A refused request (a bad form, an expired form, a file too large). */
export function refusalHtml(locale: Locale, text: string): SafeHtml {
  const body = html`<p class="error" role="alert">${text}</p>`;
  return page({ locale, title: t(locale, 'page.not_found_title'), body });
}

/** After a secret-only link's one save: the secret masked to its last four characters. */
export function secretSavedHtml(locale: Locale, clientName: string, last4: string): SafeHtml {
  const body = html`<p class="ok" role="status">${t(locale, 'page.secret_done', { masked: maskSecret(last4) })}</p>`;
  return page({ locale, title: t(locale, 'page.secret_title', { client: clientName }), body, extraStyle: STYLE });
}

/** Everything on the page below its title. */
function pageBody(model: ClientPageModel): SafeHtml {
  const { locale, items } = model;
  const section = (p: PageItem): SafeHtml => itemSection(model, p);
  if (model.scope === 'secret') {
    const secret = items.find((p) => p.item.key === 'app_secret');
    return html`<p>${t(locale, 'page.secret_intro', { at: model.until })}</p>${secret ? section(secret) : ''}`;
  }
  // Every item of the client's still open, prerequisites or not (the chat asks in order; a page shows them all).
  const clientItems = items
    .filter((p) => isAskedOfClient(itemDef(p.item.key)))
    .sort((x, y) => itemDef(x.item.key).priority - itemDef(y.item.key).priority);
  const isOpen = ({ item: i }: PageItem): boolean =>
    i.status === 'todo' || i.status === 'asked' || (i.status === 'blocked' && i.setBy === 'bot');
  const open = clientItems.filter(isOpen);
  const given = clientItems.filter((p) => !isOpen(p));
  return html`<p>${t(locale, 'page.intro', { at: model.until })}</p>${undoForm(model)}
      <h2>${t(locale, 'page.open')}</h2>${open.length > 0 ? open.map(section) : html`<p>${t(locale, 'page.none_open')}</p>`}
      ${given.length > 0 ? html`<h2>${t(locale, 'page.given')}</h2>${given.map(section)}` : ''}`;
}

function undoForm({ undo: key, action, csrf, locale }: ClientPageModel): SafeHtml | '' {
  if (!key) return '';
  return html`<form method="post" action="${action}" class="undo"><input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="item" value="${key}"><button name="action" value="undo" class="secondary">${t(locale, 'page.undo', { label: itemLabel(locale, key) })}</button></form>`;
}

/** The item's field: a password box for a secret, a text area for lists and free text, else one line. */
function fieldHtml(locale: Locale, item: Item, problem: Problem | undefined): SafeHtml | '' {
  const shape = itemDef(item.key).shape;
  const fieldId = `f-${item.key}`;
  if (shape === 'secret')
    return html`<input type="password" id="${fieldId}" name="secret" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="64"><small>${t(locale, 'page.secret_hint')}</small>`;
  if (shape === 'confirmation') return '';
  const prefill =
    problem?.typed ??
    (item.value === null || item.value === 'n/a' || item.value === 'done'
      ? ''
      : editableText(item.key, item.value, locale));
  const list = SHAPES[shape].list;
  const multiline = list || shape === 'text' || shape === 'confirmation_or_text' || shape === 'url_whitelist';
  const rows = Math.min(12, Math.max(3, prefill.split('\n').length + 1));
  return multiline
    ? html`<textarea id="${fieldId}" name="value" rows="${rows}" maxlength="${MAX_FIELD_CHARS}">${prefill}</textarea>${list ? html`<small>${t(locale, 'page.list_hint')}</small>` : ''}`
    : html`<input type="text" id="${fieldId}" name="value" value="${prefill}" maxlength="${MAX_FIELD_CHARS}" autocapitalize="off" spellcheck="false">`;
}

function itemSection(model: ClientPageModel, { item, files }: PageItem): SafeHtml {
  const { locale, action, csrf } = model;
  const def = itemDef(item.key);
  const label = itemLabel(locale, item.key);
  const problem = model.problem?.key === item.key ? model.problem : undefined;
  const outcome = model.outcome?.key === item.key ? model.outcome.kind : undefined;
  const current = item.value === null ? t(locale, 'page.nothing_yet') : displayValue(item.key, item.value, locale);
  const hidden = html`<input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="item" value="${item.key}">`;
  const fieldId = `f-${item.key}`;
  const shape = def.shape;
  const field = fieldHtml(locale, item, problem);
  const takesDone = shape === 'confirmation' || shape === 'confirmation_or_text' || shape === 'wechat_ids';
  const buttons = [
    field
      ? html`<button name="action" value="${shape === 'secret' ? 'secret' : 'save'}">${t(locale, 'page.save')}</button>`
      : '',
    takesDone ? html`<button name="action" value="done">${t(locale, 'page.done')}</button>` : '',
    choiceButtons(locale, item.key)
      .filter((c) => c.action === 'answer' && c.value !== undefined && choiceValue(item.key, c.value) !== undefined)
      .map((c) => html`<button name="action" value="choice:${c.value ?? ''}" class="secondary">${c.label}</button>`),
    acceptsNa(def) ? html`<button name="action" value="na" class="secondary">${t(locale, 'page.na')}</button>` : '',
    model.scope === 'full' && !FINISHED.has(item.status)
      ? html`<button name="action" value="later" class="secondary">${t(locale, 'page.later')}</button>`
      : '',
  ];
  // Open Platform: its App ID above, its secret in a form of its own (never sent with the ID).
  const secondSecret =
    item.key === 'open_platform'
      ? html`<form method="post" action="${action}#item-${item.key}" class="secret">${hidden}<label for="${fieldId}-secret">${t(locale, 'item.app_secret.label')}</label><input type="password" id="${fieldId}-secret" name="secret" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="64"><div class="buttons"><button name="action" value="secret">${t(locale, 'page.save')}</button></div></form>`
      : '';
  const notice = problem
    ? html`<p class="error" role="alert">${'text' in problem.reason ? problem.reason.text : t(locale, 'page.invalid', { reason: render(locale, problem.reason) })}</p>`
    : outcome
      ? html`<p class="ok" role="status">${t(locale, OUTCOME_KEY[outcome], { label })}</p>`
      : '';
  const fileList =
    files.length > 0
      ? html`<p class="files">${t(locale, 'page.files_on_file', { list: files.map((f) => `#${f.number} ${f.name} (${formatBytes(f.bytes)})`).join(', ') })}</p>`
      : '';
  const upload =
    def.files === 'upload' && model.scope === 'full'
      ? html`<form method="post" action="${action}#item-${item.key}" enctype="multipart/form-data" class="upload">${hidden}<label for="${fieldId}-file">${t(locale, 'page.file')}</label><input type="file" id="${fieldId}-file" name="file" accept="image/png,image/jpeg,image/gif,image/webp,application/pdf"><div class="buttons"><button name="action" value="upload" class="secondary">${t(locale, 'page.upload')}</button></div></form>`
      : '';
  return html`<section class="item card" id="item-${item.key}" data-item="${item.key}" data-status="${item.status}">
      <h3><label for="${fieldId}">${label}</label> <span class="st st-${item.status}">${t(locale, `status.${item.status}`)}</span></h3>
      <p class="hint">${t(locale, `item.${item.key}.hint` as MessageKey)}</p>
      <p class="current">${t(locale, item.confirmPending && item.value !== null ? 'page.to_confirm' : 'page.current', { value: current })}</p>
      ${notice}
      ${fileList}<form method="post" action="${action}#item-${item.key}">${hidden}${field}<div class="buttons">${buttons}</div></form>${secondSecret}${upload}
    </section>`;
}

const STYLE = `
.item h3{font-size:1.05rem;margin:0 0 4px}.hint{color:#5c6370;font-size:.92em;margin:4px 0}.current{margin:4px 0;overflow-wrap:anywhere}
.buttons{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}button.secondary{background:#eef0f3;color:#1d2330;border:1px solid #c5cbd3}
.ok{color:#1e6b3a;font-weight:600}textarea{min-height:5em}small{display:block}form.secret{margin-top:8px}form.undo{margin:8px 0}
@media (max-width:600px){button{flex:1 1 auto;min-height:44px}main{padding:8px}}
`;

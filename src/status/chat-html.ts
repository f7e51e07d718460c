/**
 * The local chat page's HTML and its small vanilla script: a transcript, one box to write as the
 * client and one as the PM, and the release's progress beside them, refreshed by polling
 * `GET /chat/messages?since=<seq>`. Messages are put in with `textContent`, never as HTML.
 *
 *   sendPage(res, 200, chatPageHtml('en', { hasRelease: false, statusPanel: html`` }, nonce), { nonce });
 */
import { type Locale, type MessageKey, t } from '../i18n/index.js';
import { html, page, SafeHtml, scriptJson } from './html.js';

/** The longest message the page sends and the server takes, in characters (the page checks it before sending). */
export const CHAT_TEXT_LIMIT = 4000;

const CHAT_STYLE = `
.chat{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,1fr);gap:12px}@media (max-width:760px){.chat{grid-template-columns:1fr}}
#transcript{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:8px;height:52vh;overflow-y:auto}
.msg{margin:6px 0;padding:6px 8px;border-radius:8px;max-width:92%;white-space:pre-wrap;overflow-wrap:anywhere}
.msg b{display:block;font-size:.8em;color:#5c6370}.from-client{background:#e8f1fb;margin-left:auto}.from-pm{background:#efe8fb;margin-left:auto}
.from-bot{background:#eef6ee}.to-pm{background:#f7f0e1}.composer{display:flex;gap:6px;margin:8px 0}.composer input{flex:1}
.composer label{display:block}.start{background:#fff8e1;border:1px solid #f0d98c;border-radius:8px;padding:8px 12px}
`;

const SCRIPT_KEYS = [
  'chat.from_client',
  'chat.from_pm',
  'chat.from_bot',
  'chat.to_pm',
  'chat.send_failed',
  'chat.too_long',
] as const satisfies readonly MessageKey[];

/** Runs in the browser: polls the transcript and the status panel, posts what is typed. */
const SCRIPT = `
(() => {
  const cfg = JSON.parse(document.getElementById('chat-config').textContent);
  const box = document.getElementById('transcript');
  const panel = document.getElementById('status-panel');
  const start = document.getElementById('start');
  const error = document.getElementById('send-error');
  let seq = 0;
  let polling = false;
  function label(m) {
    if (m.from === 'local:client') return ['from-client', cfg.words['chat.from_client']];
    if (m.from === 'local:pm') return ['from-pm', cfg.words['chat.from_pm']];
    if (m.to.startsWith('user:')) return ['to-pm', cfg.words['chat.to_pm']];
    return ['from-bot', cfg.words['chat.from_bot']];
  }
  function append(m) {
    const [cls, who] = label(m);
    const div = document.createElement('div');
    div.className = 'msg ' + cls;
    div.dataset.seq = String(m.seq);
    const b = document.createElement('b');
    b.textContent = who;
    div.append(b, document.createTextNode(m.text));
    box.append(div);
    box.scrollTop = box.scrollHeight;
  }
  async function poll() {
    if (polling) return;
    polling = true;
    try {
      const res = await fetch('/chat/messages?since=' + seq + '&lang=' + cfg.lang, { headers: { accept: 'application/json' } });
      if (!res.ok) return;
      const data = await res.json();
      for (const m of data.messages) { append(m); seq = Math.max(seq, m.seq); }
      panel.innerHTML = data.status;
      start.hidden = data.hasRelease;
    } finally { polling = false; }
  }
  function tooLong(text) {
    return cfg.words['chat.too_long'].replace('{limit}', String(cfg.limit)).replace('{length}', String(text.length));
  }
  async function send(as, text) {
    error.textContent = '';
    if (text.length > cfg.limit) { error.textContent = tooLong(text); return false; }
    const res = await fetch('/chat/messages?lang=' + cfg.lang, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as, text }),
    });
    if (!res.ok) {
      const said = await res.json().then((d) => d && d.error, () => undefined);
      error.textContent = said || cfg.words['chat.send_failed'].replace('{status}', String(res.status));
    }
    await poll();
    return res.ok;
  }
  for (const form of document.querySelectorAll('form.composer')) {
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const input = form.querySelector('input');
      const text = input.value.trim();
      if (!text) return;
      if (await send(form.dataset.as, text)) input.value = '';
    });
  }
  document.getElementById('start-button').addEventListener('click', () => send('pm', cfg.startCommand));
  setInterval(poll, 1000);
  poll();
})();
`;

export interface ChatPageView {
  hasRelease: boolean;
  statusPanel: SafeHtml;
}

function composer(locale: Locale, as: 'client' | 'pm', value = ''): SafeHtml {
  const id = `${as}-input`;
  const placeholder = t(locale, as === 'client' ? 'chat.client_placeholder' : 'chat.pm_placeholder');
  return html`<form class="composer" data-as="${as}"><label for="${id}" class="muted">${t(locale, as === 'client' ? 'chat.client_label' : 'chat.pm_label')}</label><input id="${id}" type="text" autocomplete="off" data-limit="${String(CHAT_TEXT_LIMIT)}" placeholder="${placeholder}" value="${value}"><button type="submit">${t(locale, 'chat.send')}</button></form>`;
}

export function chatPageHtml(locale: Locale, view: ChatPageView, nonce: string): SafeHtml {
  const startCommand = `/release start Demo Client ${locale}`;
  const config = {
    lang: locale,
    startCommand,
    limit: CHAT_TEXT_LIMIT,
    words: Object.fromEntries(SCRIPT_KEYS.map((k) => [k, t(locale, k)])),
  };
  const body = html`<p>${t(locale, 'chat.intro')}</p><p class="muted" id="one-client">${t(locale, 'chat.one_client', { limit: CHAT_TEXT_LIMIT })}</p>
<div id="start" class="start"${view.hasRelease ? html` hidden` : ''}><p>${t(locale, 'chat.start_hint')} <code>${startCommand}</code></p><button id="start-button" type="button">${t(locale, 'chat.start_button')}</button></div>
<div class="chat"><div><div id="transcript" aria-live="polite"></div><p id="send-error" class="error" role="alert"></p>
${composer(locale, 'client')}${composer(locale, 'pm', view.hasRelease ? '' : startCommand)}</div>
<aside><h2>${t(locale, 'chat.status_title')} <small><a href="/?lang=${locale}">${t(locale, 'chat.full_status')}</a></small></h2><div id="status-panel">${view.statusPanel}</div></aside></div>`;
  const script = html`<script type="application/json" id="chat-config">${scriptJson(config)}</script><script nonce="${nonce}">${new SafeHtml(SCRIPT)}</script>`;
  return page({
    locale,
    title: t(locale, 'chat.title'),
    body,
    extraStyle: CHAT_STYLE,
    script,
    otherLangHref: `/chat?lang=${locale === 'zh' ? 'en' : 'zh'}`,
  });
}

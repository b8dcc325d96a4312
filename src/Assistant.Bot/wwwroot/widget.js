/*
 * 西城政策助手 — the chat bubble for other sites. Embed with one tag:
 *
 *   <script src="https://ASSISTANT-HOST/widget.js" data-title="西城政策助手" data-color="#b5121b" async></script>
 *
 * data-title       the panel's title (default 西城政策助手)
 * data-color       bubble, header and accent colour, #rgb or #rrggbb (default #b5121b)
 * data-text-color  text colour on the bubble and header (default #ffffff)
 * data-position    "right" (default) or "left"
 *
 * The panel is this server's embed.html in an iframe: the host page's styles cannot reach it, the host page cannot read
 * the conversation, and the server only lets the origins in Widget:AllowedOrigins frame it.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || window.__xichengAssistantWidget) {
    return;
  }
  window.__xichengAssistantWidget = true;

  function colour(value, fallback) {
    return /^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$/.test(value || '') ? value : fallback;
  }

  var base = new URL('.', script.src);
  var title = (script.getAttribute('data-title') || '西城政策助手').slice(0, 40);
  var color = colour(script.getAttribute('data-color'), '#b5121b');
  var textColor = colour(script.getAttribute('data-text-color'), '#ffffff');
  var side = script.getAttribute('data-position') === 'left' ? 'left' : 'right';

  var css = [
    ':host { all: initial; }',
    '.bubble { position: fixed; bottom: 24px; ' + side + ': 24px; width: 60px; height: 60px; border-radius: 50%;',
    '  border: 0; background: ' + color + '; color: ' + textColor + '; cursor: pointer; z-index: 2147483000;',
    '  box-shadow: 0 4px 14px rgba(0,0,0,.28); display: flex; align-items: center; justify-content: center; }',
    '.bubble:focus-visible { outline: 3px solid #d9a441; outline-offset: 2px; }',
    '.bubble svg { width: 30px; height: 30px; fill: currentColor; }',
    '.panel { position: fixed; bottom: 96px; ' + side + ': 24px; width: min(400px, calc(100vw - 32px));',
    '  height: min(620px, calc(100vh - 120px)); background: #fff; border-radius: 8px; overflow: hidden;',
    '  box-shadow: 0 8px 30px rgba(0,0,0,.3); z-index: 2147483000; display: flex; flex-direction: column;',
    '  font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; }',
    '.panel[hidden] { display: none; }',
    '.header { display: flex; align-items: center; justify-content: space-between; padding: 10px 14px;',
    '  background: ' + color + '; color: ' + textColor + '; font-size: 16px; font-weight: 700; letter-spacing: 1px; }',
    '.close { border: 0; background: transparent; color: inherit; font-size: 22px; line-height: 1; cursor: pointer; }',
    'iframe { flex: 1; width: 100%; border: 0; }'
  ].join('\n');

  var host = document.createElement('div');
  host.setAttribute('data-xicheng-assistant', '');
  var shadow = host.attachShadow({ mode: 'open' });
  // A constructed sheet is not an inline style, so a strict style-src on the host page does not block it.
  if ('adoptedStyleSheets' in shadow && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
  } else {
    var style = document.createElement('style');
    style.textContent = css;
    shadow.appendChild(style);
  }

  var bubble = document.createElement('button');
  bubble.type = 'button';
  bubble.className = 'bubble';
  bubble.setAttribute('aria-label', '打开' + title);
  bubble.setAttribute('aria-expanded', 'false');
  bubble.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3zm5 0a1.5 1.5 0 1 0 0 3 1.5 1.5 0 0 0 0-3z"/></svg>';

  var panel = document.createElement('div');
  panel.className = 'panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', title);
  var header = document.createElement('div');
  header.className = 'header';
  var heading = document.createElement('span');
  heading.textContent = title;
  var close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', '关闭');
  close.textContent = '×';
  header.appendChild(heading);
  header.appendChild(close);
  panel.appendChild(header);

  var frame = null;
  function toggle(open) {
    // The chat (and its token) is only loaded when a visitor first opens the panel.
    if (open && !frame) {
      frame = document.createElement('iframe');
      frame.title = title;
      frame.src = new URL('embed.html?color=' + encodeURIComponent(color), base).href;
      panel.appendChild(frame);
    }
    panel.hidden = !open;
    bubble.setAttribute('aria-expanded', String(open));
  }

  bubble.addEventListener('click', function () { toggle(panel.hidden); });
  close.addEventListener('click', function () { toggle(false); bubble.focus(); });

  shadow.appendChild(panel);
  shadow.appendChild(bubble);
  (document.body || document.documentElement).appendChild(host);
})();

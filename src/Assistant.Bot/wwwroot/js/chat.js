// The citizen chat on the public page and in the widget's panel: the official Web Chat over this server's Direct Line.
// The token comes from POST api/widget/token; the Direct Line secret never reaches the browser.
(function () {
  'use strict';

  var STORAGE_KEY = 'xicheng-assistant-session';
  var root = document.querySelector('[data-chat]');
  var suggestions = document.querySelector('[data-suggestions]');
  var status = document.querySelector('[data-chat-status]');
  var counter = document.querySelector('[data-chat-counter]');
  if (!root) {
    return;
  }

  var params = new URLSearchParams(location.search);
  var accent = /^#[0-9a-fA-F]{3,8}$/.test(params.get('color') || '') ? params.get('color') : '#b5121b';
  document.documentElement.style.setProperty('--red', accent);
  // Relative to this page, so the server can live under a path prefix.
  var base = new URL('.', location.href);

  function showStatus(text) {
    if (status) {
      status.textContent = text;
    }
  }

  // One conversation per browser tab: a reload reconnects to it (and shows its history) while its token is fresh.
  function savedSession() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
      return saved && saved.expiresAt - Date.now() > 120000 ? saved : null;
    } catch (e) {
      return null;
    }
  }

  function newSession() {
    return fetch(new URL('api/widget/token', base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}'
    }).then(function (response) {
      if (!response.ok) {
        throw new Error('token ' + response.status);
      }
      return response.json();
    }).then(function (session) {
      session.expiresAt = Date.now() + session.expiresIn * 1000;
      try {
        sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
      } catch (e) {
        // Private mode: the chat still works, a reload just starts over.
      }
      session.fresh = true;
      return session;
    });
  }

  function clip(text, max) {
    return typeof text === 'string' && text.length > max ? text.slice(0, max) : text;
  }

  function updateCounter(length, max) {
    if (counter) {
      counter.textContent = length + ' / ' + max;
      counter.classList.toggle('chat-footer__counter--full', length >= max);
    }
  }

  // Web Chat renders asynchronously: wait for its send box, then let the browser enforce the limit as well.
  function limitInput(max) {
    var tries = 0;
    (function find() {
      var input = root.querySelector('[data-id="webchat-sendbox-input"]');
      if (input) {
        input.maxLength = max;
        input.setAttribute('aria-label', '请输入您的问题（最多' + max + '字）');
      } else if (tries++ < 100) {
        setTimeout(find, 50);
      }
    })();
  }

  function start(session) {
    var max = session.maxMessageLength;
    // Keeps the send box within the server's message limit, whether typed, pasted or sent by a button.
    // On a phone (or a narrow widget panel) avatars would take a fifth of the width from the answers.
    var narrow = window.matchMedia('(max-width: 500px)').matches;
    var store = window.WebChat.createStore({}, function () {
      return function (next) {
        return function (action) {
          if (action.type === 'WEB_CHAT/SET_SEND_BOX' && action.payload) {
            action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { text: clip(action.payload.text, max) }) });
            updateCounter((action.payload.text || '').length, max);
          } else if (action.type === 'WEB_CHAT/SEND_MESSAGE' && action.payload) {
            action = Object.assign({}, action, { payload: Object.assign({}, action.payload, { text: clip(action.payload.text, max) }) });
          } else if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
            showStatus('已连接');
          } else if (action.type === 'DIRECT_LINE/CONNECT_REJECTED' || action.type === 'DIRECT_LINE/DISCONNECT_FULFILLED') {
            showStatus('连接已断开，请刷新页面重试');
          }
          return next(action);
        };
      };
    });

    var directLine = window.WebChat.createDirectLine({
      token: session.token,
      // A fresh token starts its conversation (POST /conversations); a saved one reconnects to it and replays it.
      conversationId: session.fresh ? undefined : session.conversationId,
      domain: new URL('v3/directline', base).href,
      webSocket: true
    });

    window.WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      userID: session.userId,
      username: '市民',
      locale: 'zh-CN',
      overrideLocalizedStrings: { TEXT_INPUT_PLACEHOLDER: '请输入您的问题，例如：餐饮油烟归哪个部门管' },
      styleOptions: {
        accent: accent,
        primaryFont: '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
        backgroundColor: '#ffffff',
        botAvatarInitials: narrow ? undefined : '西城',
        botAvatarBackgroundColor: accent,
        userAvatarInitials: narrow ? undefined : '我',
        bubbleBackground: '#f4f5f7',
        bubbleBorderRadius: 6,
        bubbleFromUserBackground: accent,
        bubbleFromUserTextColor: '#ffffff',
        bubbleFromUserBorderRadius: 6,
        bubbleMaxWidth: 560,
        hideUploadButton: true,
        sendBoxTextWrap: true,
        sendBoxButtonColor: accent,
        suggestedActionBorderColor: accent,
        suggestedActionTextColor: accent
      }
    }, root);

    limitInput(max);
    updateCounter(0, max);

    if (suggestions) {
      session.suggestedQuestions.forEach(function (question) {
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'suggestion';
        button.textContent = question;
        button.addEventListener('click', function () {
          store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: question } });
        });
        suggestions.appendChild(button);
      });
    }
  }

  showStatus('正在连接…');
  Promise.resolve(savedSession() || newSession())
    .then(start)
    .catch(function () {
      showStatus('暂时无法连接，请稍后再试');
    });
})();

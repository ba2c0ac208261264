// Starts Web Chat against whichever Direct Line the server hands out (embedded or Azure's).
(async function () {
  'use strict';
  const config = JSON.parse(document.getElementById('partnerbot-config').textContent);
  const status = document.getElementById('chat-status');
  const rememberBox = document.getElementById('chat-remember');
  const forgetButton = document.getElementById('chat-forget');
  const storageKey = 'partnerbot.directline';
  const rememberKey = 'partnerbot.remember';
  const params = new URLSearchParams(location.search);

  // Browsers may refuse storage (a cross-site frame with third-party storage blocked, private modes): then
  // every access throws. Each store is tried once; one that fails is replaced by memory for this visit, so
  // the chat still works and only resuming after a reload is lost.
  function openStorage(name) {
    try {
      const storage = window[name];
      const probe = 'partnerbot.probe';
      storage.setItem(probe, probe);
      storage.removeItem(probe);
      return storage;
    } catch {
      const memory = new Map();
      return {
        getItem: (key) => (memory.has(key) ? memory.get(key) : null),
        setItem: (key, value) => memory.set(key, String(value)),
        removeItem: (key) => memory.delete(key)
      };
    }
  }
  const lasting = openStorage('localStorage');
  const visit = openStorage('sessionStorage');

  // By default the chat is kept for this tab only (sessionStorage): the next person at a shared computer does
  // not find it. A visitor who asks to be remembered keeps it on this device (localStorage).
  function safely(action, fallback) {
    try {
      return action();
    } catch {
      return fallback;
    }
  }
  let remember = safely(() => lasting.getItem(rememberKey) === 'yes', false);
  const current = () => (remember ? lasting : visit);

  function readSaved() {
    return safely(() => JSON.parse(current().getItem(storageKey) || 'null'), null);
  }
  function save(entry) {
    safely(() => current().setItem(storageKey, JSON.stringify(entry)));
  }
  function forget() {
    for (const storage of [lasting, visit]) {
      safely(() => storage.removeItem(storageKey));
      safely(() => storage.removeItem(rememberKey));
    }
  }

  // A returning visitor sends their previous token, to continue the same conversation.
  const saved = readSaved();

  let session;
  try {
    const response = await fetch('/api/directline/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ resume: saved && saved.token, userId: saved && saved.userId })
    });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    session = await response.json();
  } catch (error) {
    status.textContent = config.texts.unavailable;
    return;
  }

  const resumed = !!saved && saved.conversationId === session.conversationId;
  let latest = { token: session.token, conversationId: session.conversationId, userId: session.userId };
  save(latest);

  if (rememberBox) {
    rememberBox.checked = remember;
    rememberBox.addEventListener('change', function () {
      // Move the chat to where the visitor's choice says it belongs, and leave no copy behind.
      safely(() => current().removeItem(storageKey));
      remember = rememberBox.checked;
      if (remember) safely(() => lasting.setItem(rememberKey, 'yes'));
      else safely(() => lasting.removeItem(rememberKey));
      save(latest);
    });
  }

  const directLine = window.WebChat.createDirectLine({
    token: session.token,
    domain: session.domain,
    // Reconnecting with the conversation id replays what was said so far.
    conversationId: resumed ? session.conversationId : undefined,
    webSocket: params.get('transport') !== 'polling'
  });

  // Keep the stored token fresh: Direct Line refreshes it, and a reload should resume with the newest one.
  let ended = false;
  directLine.connectionStatus$.subscribe(function () {
    if (directLine.token && !ended) {
      latest = { token: directLine.token, conversationId: session.conversationId, userId: session.userId };
      save(latest);
    }
  });

  if (forgetButton) {
    forgetButton.addEventListener('click', function () {
      // Nothing of this chat stays in the browser; the page starts again with a new conversation. A colleague
      // chatting live with the visitor is told they left (waited for briefly, never more than a second and a half).
      ended = true;
      forget();
      new Promise(function (resolve) {
        safely(() => directLine.postActivity({ type: 'endOfConversation', from: { id: session.userId } }).subscribe({ next: resolve, error: resolve, complete: resolve }));
        setTimeout(resolve, 1500);
      }).then(function () {
        safely(() => directLine.end());
        location.reload();
      });
    });
  }

  // The bot greets first: tell it someone joined (it does not repeat itself mid-assessment).
  const store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
          next(action);
          return next({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { language: config.locale } } });
        }
        return next(action);
      };
    };
  });

  window.WebChat.renderWebChat({
    directLine: directLine,
    store: store,
    adaptiveCardsHostConfig: window.PartnerBotCardColors,
    userID: session.userId,
    username: config.texts.you,
    // The page's language (the visitor's choice or the browser's): Web Chat's own strings, and the locale the bot reads.
    locale: (navigator.language || '').toLowerCase().split('-')[0] === config.language ? navigator.language : config.locale,
    styleOptions: {
      accent: config.accentColor,
      botAvatarInitials: config.botAvatarUrl ? undefined : config.botAvatarInitials,
      botAvatarImage: config.botAvatarUrl || undefined,
      userAvatarInitials: config.texts.you,
      hideUploadButton: true,
      bubbleBorderRadius: 10,
      bubbleFromUserBorderRadius: 10,
      suggestedActionLayout: 'flow',
      suggestedActionsStackedHeight: 200
    },
    // A prop of its own, not a style option: a colleague chatting live sees the visitor typing.
    sendTypingIndicator: true
  }, document.getElementById('webchat'));

  document.querySelector('#webchat input, #webchat textarea')?.focus();
})();

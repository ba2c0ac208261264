// Starts Web Chat against whichever Direct Line the server hands out (embedded or Azure's).
(async function () {
  'use strict';
  const config = JSON.parse(document.getElementById('partnerbot-config').textContent);
  const status = document.getElementById('chat-status');
  const storageKey = 'partnerbot.directline';
  const params = new URLSearchParams(location.search);

  // A returning visitor sends their previous token, to continue the same conversation.
  let saved = null;
  try {
    saved = JSON.parse(localStorage.getItem(storageKey) || 'null');
  } catch {
    saved = null;
  }

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
    status.textContent = 'The chat is not available right now. Please try again in a moment.';
    return;
  }

  const resumed = !!saved && saved.conversationId === session.conversationId;
  localStorage.setItem(storageKey, JSON.stringify({ token: session.token, conversationId: session.conversationId, userId: session.userId }));

  const directLine = window.WebChat.createDirectLine({
    token: session.token,
    domain: session.domain,
    // Reconnecting with the conversation id replays what was said so far.
    conversationId: resumed ? session.conversationId : undefined,
    webSocket: params.get('transport') !== 'polling'
  });

  // Keep the stored token fresh: Direct Line refreshes it, and a reload should resume with the newest one.
  directLine.connectionStatus$.subscribe(function () {
    if (directLine.token) {
      localStorage.setItem(storageKey, JSON.stringify({ token: directLine.token, conversationId: session.conversationId, userId: session.userId }));
    }
  });

  // The bot greets first: tell it someone joined (it does not repeat itself mid-assessment).
  const store = window.WebChat.createStore({}, function () {
    return function (next) {
      return function (action) {
        if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
          next(action);
          return next({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: { language: navigator.language } } });
        }
        return next(action);
      };
    };
  });

  window.WebChat.renderWebChat({
    directLine: directLine,
    store: store,
    userID: session.userId,
    username: 'You',
    locale: navigator.language || 'en-US',
    styleOptions: {
      accent: config.accentColor,
      botAvatarInitials: config.botAvatarUrl ? undefined : config.botAvatarInitials,
      botAvatarImage: config.botAvatarUrl || undefined,
      userAvatarInitials: 'You',
      hideUploadButton: true,
      bubbleBorderRadius: 10,
      bubbleFromUserBorderRadius: 10,
      suggestedActionLayout: 'flow',
      suggestedActionsStackedHeight: 200,
      sendTypingIndicator: true
    }
  }, document.getElementById('webchat'));

  document.querySelector('#webchat input, #webchat textarea')?.focus();
})();

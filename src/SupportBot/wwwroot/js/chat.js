// The customer chat: a single-conversation token from this host, Microsoft's Web Chat pointed at the Direct Line
// service the token belongs to (this host's, or Azure's in production), and the "Popular questions" list.
// Everything shown from the network is set as text (textContent), never parsed as HTML.
(function () {
  'use strict';

  var status = document.getElementById('chat-status');
  var container = document.getElementById('webchat');
  var suggestionList = document.getElementById('suggestions');

  if (new URLSearchParams(window.location.search).has('embed')) {
    document.body.classList.add('embedded');
    // Keys typed in the frame never reach the host page: tell the embed snippet that Esc means "close".
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && !event.defaultPrevented && window.parent !== window) {
        window.parent.postMessage({ type: 'supportbot:close' }, '*');
      }
    });
  }

  function say(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  // Matches DirectLineJS's ConnectionStatus values.
  var connectionMessages = {
    1: 'Connecting to SupportBot…',
    2: '',
    3: 'The chat session has expired. Reload the page to start a new one.',
    4: 'The chat could not connect. Check your connection and reload the page.',
    5: 'This chat has ended. Reload the page to start a new one.'
  };

  function focusSendBox() {
    var input = container.querySelector('input[type="text"], textarea');
    if (input) {
      input.focus();
    }
  }

  function renderSuggestions(questions, send) {
    suggestionList.textContent = '';
    questions.forEach(function (question) {
      var item = document.createElement('li');
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'suggestion';
      button.textContent = question;
      button.addEventListener('click', function () {
        send(question);
        focusSendBox();
      });
      item.appendChild(button);
      suggestionList.appendChild(item);
    });
  }

  // The conversation survives a reload or moving between pages of the site, but not the tab: sessionStorage is
  // per tab and cleared with it, so a shared computer's next customer never sees the previous chat.
  var sessionKey = 'supportbot.chat';
  var refreshMarginMs = 60 * 1000;

  async function newSession() {
    var response = await fetch('api/directline/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      cache: 'no-store',
      credentials: 'same-origin'
    });
    if (!response.ok) {
      throw new Error('token endpoint answered ' + response.status);
    }
    var session = await response.json();
    session.expiresAt = Date.now() + session.expires_in * 1000;
    return session;
  }

  // A stored conversation whose token is still good gets a fresh token from the Direct Line service the
  // conversation lives on (this host's or Azure's); anything else starts a new conversation.
  async function resumeSession() {
    var stored;
    try {
      stored = JSON.parse(window.sessionStorage.getItem(sessionKey) || 'null');
    } catch (ignored) {
      stored = null;
    }
    if (!stored || !stored.token || !stored.conversationId || !stored.domain || !(stored.expiresAt > Date.now() + refreshMarginMs)) {
      forget();
      return null;
    }
    try {
      var response = await fetch(stored.domain + '/tokens/refresh', {
        method: 'POST',
        headers: { Authorization: 'Bearer ' + stored.token },
        cache: 'no-store'
      });
      if (!response.ok) {
        throw new Error('refresh answered ' + response.status);
      }
      var refreshed = await response.json();
      if (refreshed.conversationId !== stored.conversationId) {
        throw new Error('refresh named another conversation');
      }
      return {
        domain: stored.domain,
        token: refreshed.token,
        conversationId: stored.conversationId,
        expiresAt: Date.now() + refreshed.expires_in * 1000
      };
    } catch (ignored) {
      forget();
      return null;
    }
  }

  function remember(session) {
    try {
      window.sessionStorage.setItem(sessionKey, JSON.stringify({
        domain: session.domain,
        token: session.token,
        conversationId: session.conversationId,
        expiresAt: session.expiresAt
      }));
    } catch (ignored) {
      // Storage may be disabled (private mode, policies): the chat still works, it just is not resumed.
    }
  }

  function forget() {
    try {
      window.sessionStorage.removeItem(sessionKey);
    } catch (ignored) {
      // See remember.
    }
  }

  async function start() {
    if (!window.WebChat) {
      say('The chat component is not installed on this server. Build the host with node and npm available (see README).');
      return;
    }

    var session = await resumeSession();
    var resumed = !!session;
    if (!session) {
      try {
        session = await newSession();
      } catch (error) {
        say(error && /429/.test(error.message)
          ? 'Too many chats were started from your network. Please wait a minute and reload the page.'
          : 'The chat could not start. Please reload the page in a moment.');
        return;
      }
    }

    remember(session);
    // A resumed conversation is re-joined by id; watermark 0 replays its transcript, so a reload (or the next
    // page of the support site with the embed) shows the chat so far instead of starting over.
    var directLine = window.WebChat.createDirectLine(resumed
      ? { domain: session.domain, token: session.token, conversationId: session.conversationId, watermark: '0', webSocket: true }
      : { domain: session.domain, token: session.token, webSocket: true });
    // DirectLineJS refreshes its token every 15 minutes; keep the newest one for the next page (it has at
    // least that long to live).
    window.addEventListener('pagehide', function () {
      if (directLine.token && directLine.token !== session.token) {
        remember({ domain: session.domain, token: directLine.token, conversationId: session.conversationId, expiresAt: Date.now() + 15 * 60 * 1000 });
      }
    });
    directLine.connectionStatus$.subscribe(function (connectionStatus) {
      if (connectionStatus === 3 || connectionStatus === 5) {
        forget();
      }
      if (Object.prototype.hasOwnProperty.call(connectionMessages, connectionStatus)) {
        say(connectionMessages[connectionStatus]);
      }
    });

    var store = window.WebChat.createStore();
    window.WebChat.renderWebChat({
      directLine: directLine,
      store: store,
      locale: 'en-US',
      styleOptions: {
        accent: '#0b4f8a',
        primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
        backgroundColor: '#ffffff',
        bubbleBackground: '#f1f4f9',
        bubbleBorderRadius: 12,
        bubbleBorderWidth: 0,
        bubbleFromUserBackground: '#0b4f8a',
        bubbleFromUserTextColor: '#ffffff',
        bubbleFromUserBorderRadius: 12,
        bubbleFromUserBorderWidth: 0,
        bubbleMaxWidth: 560,
        botAvatarInitials: 'SB',
        botAvatarBackgroundColor: '#0b4f8a',
        userAvatarInitials: 'You',
        hideUploadButton: true,
        sendBoxTextWrap: true,
        suggestedActionLayout: 'flow',
        suggestedActionBorderRadius: 16,
        suggestedActionBorderColor: '#0b4f8a',
        suggestedActionTextColor: '#0b4f8a',
        suggestedActionHeight: 'auto',
        timestampColor: '#5a6472',
        subtle: '#5a6472'
      }
    }, container);

    try {
      var popular = await fetch('api/webchat/suggestions', { cache: 'no-store' });
      if (popular.ok) {
        renderSuggestions((await popular.json()).suggestions || [], function (text) {
          store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: text } });
        });
      }
    } catch (ignored) {
      // The list is a convenience; the welcome message offers the same questions.
    }
  }

  start();
})();

// SupportBot's one-line embed. Add to any page:
//   <script src="https://support.example.com/embed.js" async></script>
// Optional attributes: data-label="Chat with us" (button text), data-position="left" (default right).
// It adds a chat button; the chat itself opens in an iframe of this host's page (/?embed), so the host site
// needs no other code, and no token or secret ever passes through it.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || window.__supportBotEmbed) {
    return;
  }
  window.__supportBotEmbed = true;

  var base = new URL('./', script.src);
  var label = script.getAttribute('data-label') || 'Chat with support';
  var side = script.getAttribute('data-position') === 'left' ? 'left' : 'right';
  var panelId = 'supportbot-embed-panel';

  function style(node, rules) {
    Object.keys(rules).forEach(function (key) { node.style[key] = rules[key]; });
    return node;
  }

  var button = style(document.createElement('button'), {
    position: 'fixed', bottom: '20px', zIndex: '2147483000', padding: '12px 18px', border: '0', borderRadius: '999px',
    background: '#0b4f8a', color: '#fff', font: '600 15px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    boxShadow: '0 6px 20px rgba(16, 35, 60, .3)', cursor: 'pointer'
  });
  button.style[side] = '20px';
  button.type = 'button';
  button.textContent = label;
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', panelId);

  var panel = style(document.createElement('div'), {
    position: 'fixed', bottom: '80px', zIndex: '2147483000', width: 'min(400px, calc(100vw - 24px))',
    height: 'min(640px, calc(100vh - 110px))', borderRadius: '14px', overflow: 'hidden', background: '#fff',
    boxShadow: '0 10px 40px rgba(16, 35, 60, .35)', display: 'none'
  });
  panel.style[side] = '12px';
  panel.id = panelId;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', label);

  var frame = null;
  function open() {
    if (!frame) {
      // Created on first open, so visitors who never chat never start a conversation.
      frame = style(document.createElement('iframe'), { width: '100%', height: '100%', border: '0' });
      frame.title = 'Support chat';
      frame.src = new URL('./?embed=1', base).href;
      frame.setAttribute('allow', 'clipboard-write');
      panel.appendChild(frame);
    }
    panel.style.display = 'block';
    button.setAttribute('aria-expanded', 'true');
    button.textContent = 'Close chat';
    frame.focus();
  }

  function close() {
    panel.style.display = 'none';
    button.setAttribute('aria-expanded', 'false');
    button.textContent = label;
    button.focus();
  }

  button.addEventListener('click', function () {
    if (panel.style.display === 'none') {
      open();
    } else {
      close();
    }
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && panel.style.display !== 'none') {
      close();
    }
  });
  // Esc inside the chat frame (which is another origin) arrives as a message from it.
  window.addEventListener('message', function (event) {
    if (frame && event.source === frame.contentWindow && event.origin === base.origin &&
        event.data && event.data.type === 'supportbot:close' && panel.style.display !== 'none') {
      close();
    }
  });

  function mount() {
    document.body.appendChild(panel);
    document.body.appendChild(button);
  }
  if (document.body) {
    mount();
  } else {
    document.addEventListener('DOMContentLoaded', mount);
  }
})();

// The agents' lookup: search-as-you-type over /api/search (debounced, stale answers dropped), ranked hits with
// score, the bot's confidence, the snippet with matched words marked, the source, and "Copy answer".
// All text goes in as textContent; the snippet is the only HTML, and only after checking it holds nothing but
// escaped text and <mark> tags (the API escapes it; this is a second lock).
(function () {
  'use strict';

  var DEBOUNCE_MS = 200;
  var TOP = 10;
  var form = document.getElementById('search-form');
  var input = document.getElementById('q');
  var results = document.getElementById('results');
  var status = document.getElementById('result-status');
  var timer = 0;
  var latest = 0;
  var controller = null;
  var SAFE_SNIPPET = /^(?:[^<>]|<mark>|<\/mark>)*$/;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function httpUrl(value) {
    try {
      var url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
    } catch (ignored) {
      return null;
    }
  }

  function percent(value) {
    return Math.round(Math.max(0, Math.min(1, value)) * 100) + '%';
  }

  function answerText(hit) {
    var url = hit.source && httpUrl(hit.source.url);
    var source = hit.source ? 'Source: ' + hit.source.title + (url ? ' (' + url + ')' : '') : '';
    return hit.text + (source ? '\n\n' + source : '');
  }

  async function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return;
    }
    // Plain http on an intranet name is not a secure context: fall back to a selected textarea.
    var area = element('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'visually-hidden';
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand('copy');
    document.body.removeChild(area);
    if (!done) {
      throw new Error('copy refused');
    }
  }

  function renderHit(hit, index) {
    var item = element('li', 'hit');
    var article = element('article');
    var titleId = 'hit-' + (index + 1) + '-title';
    article.setAttribute('aria-labelledby', titleId);

    var header = element('header', 'hit__header');
    header.appendChild(element('span', 'hit__rank', String(index + 1)));
    header.appendChild(element('span', 'hit__kind hit__kind--' + (hit.kind === 'faq' ? 'faq' : 'passage'), hit.kind === 'faq' ? 'FAQ' : 'Passage'));
    var title = element('h2', 'hit__title', hit.title);
    title.id = titleId;
    header.appendChild(title);
    article.appendChild(header);

    var snippet = element('p', 'hit__snippet');
    if (SAFE_SNIPPET.test(hit.snippet)) {
      snippet.innerHTML = hit.snippet;
    } else {
      snippet.textContent = hit.snippet.replace(/<\/?mark>/g, '');
    }
    article.appendChild(snippet);

    var facts = element('dl', 'hit__facts');
    facts.appendChild(element('dt', null, 'Confidence'));
    var confidence = element('dd', 'hit__confidence');
    var meter = element('meter');
    meter.min = 0;
    meter.max = 1;
    meter.low = 0.4;
    meter.high = 0.7;
    meter.optimum = 1;
    meter.value = hit.confidence;
    meter.setAttribute('aria-label', 'Bot confidence ' + percent(hit.confidence));
    confidence.appendChild(meter);
    confidence.appendChild(element('span', null, ' ' + percent(hit.confidence)));
    facts.appendChild(confidence);

    facts.appendChild(element('dt', null, 'Score'));
    facts.appendChild(element('dd', 'hit__score', hit.score.toFixed(3)));

    facts.appendChild(element('dt', null, 'Source'));
    var source = element('dd', 'hit__source');
    var url = hit.source && httpUrl(hit.source.url);
    if (url) {
      var link = element('a', null, hit.source.title);
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      source.appendChild(link);
    } else {
      source.textContent = hit.source ? hit.source.title : '—';
    }
    facts.appendChild(source);
    article.appendChild(facts);

    var button = element('button', 'hit__copy', 'Copy answer');
    button.type = 'button';
    button.setAttribute('aria-describedby', titleId);
    button.addEventListener('click', async function () {
      try {
        await copy(answerText(hit));
        button.textContent = 'Copied';
        status.textContent = 'Answer ' + (index + 1) + ' copied to the clipboard.';
      } catch (error) {
        button.textContent = 'Copy failed';
        status.textContent = 'The browser refused to copy; select the text instead.';
      }
      window.setTimeout(function () { button.textContent = 'Copy answer'; }, 2000);
    });
    article.appendChild(button);

    item.appendChild(article);
    return item;
  }

  function show(query, body) {
    results.textContent = '';
    var hits = body.hits || [];
    hits.forEach(function (hit, index) {
      results.appendChild(renderHit(hit, index));
    });
    status.textContent = hits.length === 0
      ? 'No FAQ entry or passage matches "' + query + '".'
      : hits.length + (hits.length === 1 ? ' result' : ' results') + ' for "' + query + '".';
  }

  async function search(query) {
    var ticket = ++latest;
    if (controller) {
      controller.abort();
    }

    var url = new URL(window.location.href);
    if (query) {
      url.searchParams.set('q', query);
    } else {
      url.searchParams.delete('q');
    }
    window.history.replaceState(null, '', url);

    if (!query) {
      results.textContent = '';
      status.textContent = '';
      return;
    }

    controller = new AbortController();
    try {
      var response = await fetch('api/search?top=' + TOP + '&q=' + encodeURIComponent(query), { signal: controller.signal, cache: 'no-store' });
      var body = await response.json();
      if (ticket !== latest) {
        return;
      }
      if (!response.ok) {
        results.textContent = '';
        status.textContent = (body && body.errors && body.errors.q && body.errors.q[0]) || (body && body.detail) || 'The search failed; try again.';
        return;
      }
      show(query, body);
    } catch (error) {
      if (error.name !== 'AbortError' && ticket === latest) {
        status.textContent = 'The search failed; check the connection and try again.';
      }
    }
  }

  input.addEventListener('input', function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { search(input.value.trim()); }, DEBOUNCE_MS);
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    search(input.value.trim());
  });

  input.addEventListener('keydown', function (event) {
    if (event.key === 'Escape') {
      input.value = '';
      window.clearTimeout(timer);
      search('');
    } else if (event.key === 'ArrowDown') {
      var first = results.querySelector('.hit__copy');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  document.addEventListener('keydown', function (event) {
    var target = event.target;
    var typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
    if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });

  var initial = new URLSearchParams(window.location.search).get('q');
  if (initial) {
    input.value = initial;
    search(initial.trim());
  }
  input.focus();
})();

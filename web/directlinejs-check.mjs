// Drives the official botframework-directlinejs client (from npm, as Web Chat uses it) against a running
// SupportBot host, the way a browser would: XMLHttpRequest from xhr2, WebSocket from ws. Prints one JSON object
// describing what happened; tests/SupportBot.Tests/DirectLine/DirectLineJsTests.cs asserts on it.
//   node web/directlinejs-check.mjs http://127.0.0.1:PORT [question]
import XMLHttpRequest from 'xhr2';
import WebSocket from 'ws';

globalThis.XMLHttpRequest = XMLHttpRequest;
globalThis.WebSocket = WebSocket;
const { DirectLine, ConnectionStatus } = await import('botframework-directlinejs');

const base = (process.argv[2] ?? '').replace(/\/$/, '');
const question = process.argv[3] ?? 'when do updates stop';
const STEP_TIMEOUT_MS = 20_000;

if (!/^https?:\/\//.test(base)) {
  console.error('usage: node directlinejs-check.mjs http://host:port [question]');
  process.exit(2);
}

const statusName = (value) => Object.keys(ConnectionStatus).find((key) => ConnectionStatus[key] === value) ?? String(value);

async function pageToken() {
  const response = await fetch(`${base}/api/directline/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  if (!response.ok) {
    throw new Error(`token endpoint answered ${response.status}`);
  }
  return response.json();
}

// A DirectLine client recording activities, watermark and connection statuses.
function connect(options) {
  const directLine = new DirectLine({ pollingInterval: 200, ...options });
  const activities = [];
  const statuses = [];
  const waiters = [];
  directLine.connectionStatus$.subscribe((status) => statuses.push(statusName(status)));
  directLine.activity$.subscribe({
    next: (activity) => {
      activities.push(activity);
      for (const waiter of [...waiters]) {
        if (waiter.test(activity)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(activity);
        }
      }
    },
    error: (error) => statuses.push(`error: ${error?.message ?? error}`),
  });
  const waitFor = (what, test) => {
    const found = activities.find(test);
    if (found) {
      return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const waiter = { test, resolve };
      waiters.push(waiter);
      setTimeout(() => reject(new Error(`timed out waiting for ${what}; statuses ${statuses.join(',')}`)), STEP_TIMEOUT_MS);
    });
  };
  const waitForStatus = (wanted) => new Promise((resolve, reject) => {
    const subscription = directLine.connectionStatus$.subscribe((status) => {
      if (wanted.includes(status)) {
        resolve(statusName(status));
        setTimeout(() => subscription.unsubscribe(), 0);
      }
    });
    setTimeout(() => reject(new Error(`timed out waiting for status ${wanted.map(statusName)}; statuses ${statuses.join(',')}`)), STEP_TIMEOUT_MS);
  });
  const post = (activity) => new Promise((resolve, reject) => {
    directLine.postActivity(activity).subscribe({ next: resolve, error: reject });
    setTimeout(() => reject(new Error('timed out posting')), STEP_TIMEOUT_MS);
  });
  return { directLine, activities, statuses, waitFor, waitForStatus, post };
}

const isBotMessage = (activity) => activity.type === 'message' && activity.from?.role === 'bot';

async function askOnce(webSocket) {
  const session = await pageToken();
  const client = connect({ domain: session.domain, token: session.token, webSocket });
  const welcome = await client.waitFor('the welcome', isBotMessage);
  const watermarkAfterWelcome = client.directLine.watermark;
  const postedId = await client.post({ type: 'message', from: { id: 'r_node', name: 'Node' }, text: question, channelData: { clientActivityID: 'node-1' } });
  const echo = await client.waitFor('the echo', (a) => a.id === postedId);
  const reply = await client.waitFor('the reply', (a) => isBotMessage(a) && a.replyToId === postedId);
  const result = {
    conversationId: session.conversationId,
    userId: session.userId,
    welcomeText: welcome.text,
    welcomeSuggestedActions: (welcome.suggestedActions?.actions ?? []).map((a) => a.title),
    watermarkAfterWelcome,
    postedId,
    echo: { id: echo.id, role: echo.from?.role, fromId: echo.from?.id, clientActivityID: echo.channelData?.clientActivityID, text: echo.text },
    reply: { id: reply.id, role: reply.from?.role, replyToId: reply.replyToId, text: reply.text, attachments: (reply.attachments ?? []).map((a) => a.contentType) },
    watermark: client.directLine.watermark,
    statuses: client.statuses,
    token: client.directLine.token,
  };
  client.directLine.end();
  return { result, session };
}

// Resume: a new client for the same conversation from a watermark (the stored conversationId + token pattern).
async function resume(previous, webSocket) {
  const client = connect({
    domain: previous.session.domain,
    token: previous.result.token,
    conversationId: previous.result.conversationId,
    watermark: previous.result.watermarkAfterWelcome,
    webSocket,
  });
  await client.waitFor('the replayed reply', (a) => a.id === previous.result.reply.id);
  const result = { fromWatermark: previous.result.watermarkAfterWelcome, replayedIds: client.activities.map((a) => a.id), statuses: client.statuses };
  client.directLine.end();
  return result;
}

// A second conversation's token used on the first: the client must fail to connect, and plain HTTP gets 403.
async function crossConversation(first) {
  const second = await pageToken();
  const client = connect({ domain: second.domain, token: second.token, conversationId: first.conversationId, webSocket: false });
  client.directLine.activity$.subscribe({ next: () => {}, error: () => {} });
  const finalStatus = await client.waitForStatus([ConnectionStatus.FailedToConnect, ConnectionStatus.ExpiredToken, ConnectionStatus.Online]);
  client.directLine.end();
  const read = await fetch(`${second.domain}/conversations/${encodeURIComponent(first.conversationId)}/activities`, { headers: { Authorization: `Bearer ${second.token}` } });
  const post = await fetch(`${second.domain}/conversations/${encodeURIComponent(first.conversationId)}/activities`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${second.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ type: 'message', from: { id: 'r_intruder' }, text: 'hello from elsewhere' }),
  });
  return { finalStatus, readStatus: read.status, postStatus: post.status, statuses: client.statuses };
}

try {
  const webSocket = await askOnce(true);
  const polling = await askOnce(false);
  const output = {
    webSocket: webSocket.result,
    polling: polling.result,
    resumePolling: await resume(polling, false),
    resumeWebSocket: await resume(webSocket, true),
    crossConversation: await crossConversation(webSocket.result),
  };
  for (const part of [output.webSocket, output.polling]) {
    delete part.token;
  }
  console.log(JSON.stringify(output));
  process.exit(0);
} catch (error) {
  console.log(JSON.stringify({ error: String(error?.stack ?? error) }));
  process.exit(1);
}

// Benchmark of the self-hosted Direct Line (not a test: it asserts nothing); scripts/bench-directline.sh runs it.
//   node web/directline-bench.mjs BASE SECRET HOST_PID [seconds=15] [conversations=8] [fill=6000]
// 1. Turn latency: N conversations, each on its own WebSocket, ask questions back to back; a turn is timed from
//    the POST of the question until the bot's reply arrives on the socket.
// 2. Memory: starts FILL conversations (each answered once) and reads the host's resident memory before and every
//    5,000 conversations, to show the conversation cap (DirectLine:MaxConversations, 5,000) bounding it.
import WebSocket from 'ws';
import { readFileSync } from 'node:fs';

const [base, secret, pid, seconds = '15', conversations = '8', fill = '6000'] = process.argv.slice(2);
const domain = `${base.replace(/\/$/, '')}/v3/directline`;
const questions = ['when do updates stop', 'is the free offer still available?', 'why was kaspersky banned', 'what should I do now', 'hello', 'what is the weather tomorrow'];
const auth = { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' };
const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

async function start(userId) {
  const response = await fetch(`${domain}/conversations`, { method: 'POST', headers: auth, body: JSON.stringify({ user: { id: userId } }) });
  if (response.status !== 201) throw new Error(`start: ${response.status}`);
  return response.json();
}

async function post(conversationId, userId, text) {
  const response = await fetch(`${domain}/conversations/${conversationId}/activities`, {
    method: 'POST', headers: auth, body: JSON.stringify({ type: 'message', from: { id: userId }, text }),
  });
  if (!response.ok) throw new Error(`post: ${response.status}`);
  return (await response.json()).id;
}

async function latencyWorker(index, until, samples) {
  const userId = `bench-${index}`;
  const conversation = await start(userId);
  const socket = new WebSocket(conversation.streamUrl);
  // The turn runs before the POST returns, so the reply may reach the socket before its id is known here.
  const waiting = new Map();
  const answered = new Set();
  socket.on('message', (data) => {
    const text = data.toString();
    if (!text) return;
    for (const activity of JSON.parse(text).activities) {
      if (activity.type === 'message' && activity.from?.role === 'bot' && activity.replyToId) {
        answered.add(activity.replyToId);
        waiting.get(activity.replyToId)?.();
      }
    }
  });
  await new Promise((resolve) => socket.once('open', resolve));
  for (let turn = 0; Date.now() < until; turn++) {
    const started = process.hrtime.bigint();
    let done;
    const replied = new Promise((resolve) => { done = resolve; });
    const id = await post(conversation.conversationId, userId, questions[(index + turn) % questions.length]);
    waiting.set(id, done);
    if (answered.has(id)) done();
    await replied;
    waiting.delete(id);
    answered.delete(id);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  socket.close();
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

const samples = [];
const until = Date.now() + Number(seconds) * 1000;
const began = Date.now();
await Promise.all(Array.from({ length: Number(conversations) }, (_, i) => latencyWorker(i, until, samples)));
const elapsed = (Date.now() - began) / 1000;
samples.sort((a, b) => a - b);

const memory = { beforeFillMiB: rssMiB() };
let created = 0;
async function filler(worker, count) {
  for (let i = 0; i < count; i++) {
    const userId = `fill-${worker}-${i}`;
    const conversation = await start(userId);
    await post(conversation.conversationId, userId, questions[i % questions.length]);
    created++;
    if (created % 5000 === 0) memory[`at${created}MiB`] = rssMiB();
  }
}
const fillStarted = Date.now();
await Promise.all(Array.from({ length: 8 }, (_, w) => filler(w, Math.ceil(Number(fill) / 8))));
memory.afterFillMiB = rssMiB();

console.log(JSON.stringify({
  turns: samples.length,
  turnsPerSecond: Math.round(samples.length / elapsed),
  p50ms: percentile(samples, 0.5).toFixed(2),
  p90ms: percentile(samples, 0.9).toFixed(2),
  p99ms: percentile(samples, 0.99).toFixed(2),
  conversationsStarted: created,
  startAndAnswerPerSecond: Math.round(created / ((Date.now() - fillStarted) / 1000)),
  memory: Object.fromEntries(Object.entries(memory).map(([k, v]) => [k, Math.round(v)])),
}));

// Drives the server's Direct Line with the real botframework-directlinejs client, as Web Chat does, over polling and
// over the WebSocket. DIRECTLINE_DOMAIN (http://127.0.0.1:PORT/v3/directline) and DIRECTLINE_SECRET come from
// DirectLineNodeClientTests, which starts the server on a loopback port.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Node 20 has neither: directlinejs (RxJS ajax, WebSocket streaming) expects browser globals.
globalThis.XMLHttpRequest = require('xhr2');
globalThis.WebSocket = require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const domain = process.env.DIRECTLINE_DOMAIN;
const secret = process.env.DIRECTLINE_SECRET;
assert.ok(domain && secret, 'DIRECTLINE_DOMAIN and DIRECTLINE_SECRET must be set');

const QUESTION = '餐饮油烟归哪个部门管';

// What a site's own server does with the secret: a token for one conversation and one user.
async function generateToken(userId) {
  const response = await fetch(`${domain}/tokens/generate`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${secret}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ user: { id: userId } })
  });
  assert.equal(response.status, 200);
  return response.json();
}

// Collects the client's activities and resolves when one matches.
function watch(directLine) {
  const seen = [];
  const waiters = [];
  const subscription = directLine.activity$.subscribe(activity => {
    seen.push(activity);
    for (const waiter of [...waiters]) {
      if (waiter.match(activity)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(activity);
      }
    }
  });
  return {
    seen,
    next(match, what, ms = 15000) {
      const earlier = seen.find(match);
      if (earlier) return Promise.resolve(earlier);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
        waiters.push({ match, resolve: a => { clearTimeout(timer); resolve(a); } });
      });
    },
    stop: () => subscription.unsubscribe()
  };
}

function post(directLine, activity) {
  return new Promise((resolve, reject) => directLine.postActivity(activity).subscribe(resolve, reject));
}

function waitForStatus(directLine, status, ms = 15000) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`connection never reached ${ConnectionStatus[status]}`)), ms);
    const subscription = directLine.connectionStatus$.subscribe(s => {
      if (s === status) {
        clearTimeout(timer);
        setTimeout(() => subscription.unsubscribe());
        resolve();
      }
    });
  });
}

async function askAndCheck(directLine, userId) {
  const activities = watch(directLine);
  const clientActivityID = `node-${Date.now()}`;
  const id = await post(directLine, {
    type: 'message',
    from: { id: userId, role: 'user' },
    text: QUESTION,
    channelData: { clientActivityID }
  });
  assert.match(id, /\|\d+$/, 'the server answers a post with the activity id');

  // The echo Web Chat waits for: the same id, the client's own clientActivityID.
  const echo = await activities.next(a => a.id === id, 'the echo of the posted message');
  assert.equal(echo.channelData.clientActivityID, clientActivityID);
  assert.equal(echo.from.id, userId);
  assert.equal(echo.text, QUESTION);

  const reply = await activities.next(a => a.replyToId === id, 'the bot reply');
  assert.equal(reply.type, 'message');
  assert.equal(reply.from.role, 'bot');
  assert.match(reply.text, /区生态环境局/);
  assert.match(reply.text, /区市场监管局/);
  assert.match(reply.text, /附件\d+-\d+/, 'the answer cites the plan');
  activities.stop();
  return { id, reply };
}

test('polling: the message is echoed with its clientActivityID and answered', async () => {
  const userId = 'dl_node_polling';
  const { token } = await generateToken(userId);
  const directLine = new DirectLine({ token, domain, webSocket: false, pollingInterval: 200 });
  try {
    await askAndCheck(directLine, userId);
  } finally {
    directLine.end();
  }
});

test('WebSocket: the stream delivers the echo and the answer', async () => {
  const userId = 'dl_node_websocket';
  const { token } = await generateToken(userId);
  const directLine = new DirectLine({ token, domain, webSocket: true });
  // The client connects when someone subscribes to its activities.
  const listening = watch(directLine);
  try {
    await waitForStatus(directLine, ConnectionStatus.Online);
    assert.match(directLine.streamUrl, /^ws:\/\/127\.0\.0\.1:\d+\/v3\/directline\/conversations\/[^/]+\/stream\?/);
    await askAndCheck(directLine, userId);
  } finally {
    listening.stop();
    directLine.end();
  }
});

test('WebSocket: a follow-up in the same conversation resolves against the previous answer', async () => {
  const userId = 'dl_node_follow_up';
  const { token } = await generateToken(userId);
  const directLine = new DirectLine({ token, domain, webSocket: true });
  try {
    await askAndCheck(directLine, userId);
    const activities = watch(directLine);
    const id = await post(directLine, { type: 'message', from: { id: userId }, text: '那协办单位呢？' });
    const reply = await activities.next(a => a.replyToId === id, 'the follow-up reply');
    assert.match(reply.text, /协办单位/);
    activities.stop();
  } finally {
    directLine.end();
  }
});

test('reconnect: a new client with the conversation id and token replays the conversation', async () => {
  const userId = 'dl_node_reconnect';
  const { token, conversationId } = await generateToken(userId);
  const first = new DirectLine({ token, domain, webSocket: true });
  let asked;
  try {
    asked = await askAndCheck(first, userId);
  } finally {
    first.end();
  }

  // conversationId set: the client calls GET /conversations/{id}?watermark= for a fresh token and streamUrl.
  const second = new DirectLine({ token, conversationId, domain, webSocket: true });
  const activities = watch(second);
  try {
    const replayed = await activities.next(a => a.id === asked.reply.id, 'the earlier answer, replayed');
    assert.match(replayed.text, /区生态环境局/);
    assert.ok(activities.seen.some(a => a.id === asked.id), 'the earlier question is replayed too');
    assert.notEqual(second.token, token, 'reconnecting hands out a fresh token');
  } finally {
    activities.stop();
    second.end();
  }
});

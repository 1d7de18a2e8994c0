// The customer's chat widget. The conversation id is kept in localStorage and the token in an HttpOnly cookie, so
// a reload resumes the same conversation; the stream then replays it from the start into an empty page. It speaks
// the page's language (Chinese or English), never loses typed text, and tells the customer where they stand.
import { api, LiveStream, el, clientId, time, attachmentView } from '/js/livedesk.js';

const STORAGE_KEY = 'livedesk.conversation';
const $ = (id) => document.getElementById(id);
/** The customer's language: the browser's, else the page's; the widget speaks Chinese and English. */
const LANG = (navigator.language || document.documentElement.lang || 'en').toLowerCase().startsWith('zh') ? 'zh'
  : 'en';
const TEXTS = {
  en: {
    launcher: 'Chat with us', title: 'Northwind help', name: 'Your name', start: 'Start chat', typeHere: 'Type a message…',
    send: 'Send', human: 'Talk to a person', suggestions: 'Suggested questions', end: 'End chat', confirmEnd: 'End this chat?', keep: 'Keep chatting',
    close: 'Close chat', attach: 'Attach a photo or PDF', checking: 'Checking who is around…',
    assistant: 'Our assistant answers now', waiting: 'Waiting for an agent…', queued: (p, wait) => `You are number ${p} in the queue${wait}`,
    waitAbout: (m) => ` · about ${m} min`, noAgents: 'No agent is online yet; you keep your place in the queue',
    withAgent: (name) => `You are chatting with ${name}`, resolved: 'This chat has ended',
    agentsOnline: (n) => `${n} agent${n === 1 ? '' : 's'} online`, agentsAway: 'Our assistant answers now · agents are away',
    closed: 'We are closed right now', opensAt: (t) => ` · back ${t}`, email: 'Your email', leaveEmail: 'Send',
    emailSaved: (e) => `We will answer you at ${e}.`, badEmail: 'Please enter a valid email address.',
    rate: 'How did we do?', comment: 'Anything to add? (optional)', sendRating: 'Send rating', pickScore: 'Pick 1 to 5 stars.',
    thanks: 'Thank you for your rating!', newChat: 'Start a new chat', sending: 'Sending…', failed: 'Not sent',
    retry: 'Retry', tooMany: (s) => `Too many messages; you can retry in ${s} s`, offline: 'No connection; retrying…',
    uploadFailed: 'The file could not be sent', unsupported: 'Only photos (PNG, JPEG, WebP, GIF) and PDFs can be sent',
    tooLarge: 'That file is too large', uploading: (p) => `Uploading… ${p}%`, reconnecting: 'Connection lost · reconnecting…',
    connecting: 'Connecting…', ended: 'This chat has ended. Start a new one any time.', typing: (n) => `${n} is typing…`,
    newMessage: (n) => `New message from ${n}`, attachment: 'Attachment', opened: 'Opens in a new tab',
  },
  zh: {
    launcher: '在线客服', title: 'Northwind 客服', name: '您的称呼', start: '开始咨询', typeHere: '请输入消息…',
    send: '发送', human: '转人工', suggestions: '推荐问题', end: '结束对话', confirmEnd: '确定结束对话吗？', keep: '继续聊天',
    close: '关闭对话', attach: '发送图片或 PDF', checking: '正在查看客服状态…',
    assistant: '智能助手为您服务', waiting: '正在等待人工客服…', queued: (p, wait) => `您前面还有 ${p - 1} 位，排在第 ${p} 位${wait}`,
    waitAbout: (m) => ` · 预计约 ${m} 分钟`, noAgents: '暂时没有客服在线，您的排队位置会保留',
    withAgent: (name) => `${name} 正在为您服务`, resolved: '对话已结束',
    agentsOnline: (n) => `${n} 位客服在线`, agentsAway: '智能助手为您服务 · 人工客服暂时离开',
    closed: '当前非工作时间', opensAt: (t) => ` · ${t} 上线`, email: '您的邮箱', leaveEmail: '提交',
    emailSaved: (e) => `我们会回复到 ${e}。`, badEmail: '请输入有效的邮箱地址。',
    rate: '请为本次服务评分', comment: '其他意见（可选）', sendRating: '提交评分', pickScore: '请选择 1 到 5 星。',
    thanks: '感谢您的评价！', newChat: '开始新的对话', sending: '发送中…', failed: '未发送',
    retry: '重试', tooMany: (s) => `消息太频繁，请 ${s} 秒后重试`, offline: '网络断开，正在重试…',
    uploadFailed: '文件发送失败', unsupported: '只能发送图片（PNG、JPEG、WebP、GIF）或 PDF', tooLarge: '文件太大',
    uploading: (p) => `上传中… ${p}%`, reconnecting: '连接中断 · 正在重新连接…', connecting: '正在连接…',
    ended: '对话已结束，您可以随时开始新的对话。', typing: (n) => `${n} 正在输入…`, newMessage: (n) => `${n} 发来新消息`,
    attachment: '附件', opened: '在新标签页打开',
  },
};
const T = TEXTS[LANG];

const state = {
  conversationId: localStorage.getItem(STORAGE_KEY),
  conversation: null,
  desk: null,
  queue: null,
  stream: null,
  drafts: new Map(),
  pending: new Map(),
  agentReadUpTo: 0,
  lastEventId: 0,
  unread: 0,
};

translate();

$('launcher').addEventListener('click', openWidget);
$('close').addEventListener('click', closeWidget);
$('chat').addEventListener('keydown', (event) => {
  if (event.key === 'Escape') {
    closeWidget();
  }
});

function openWidget() {
  $('chat').hidden = false;
  $('launcher').hidden = true;
  state.unread = 0;
  showUnread();
  const target = [$('text'), $('name'), $('email')].find((node) => !node.closest('[hidden]') && !node.disabled);
  (target || $('close')).focus();
  markRead();
}

function closeWidget() {
  $('chat').hidden = true;
  $('launcher').hidden = false;
  $('launcher').focus();
}

function translate() {
  document.documentElement.lang = LANG === 'zh' ? 'zh-CN' : document.documentElement.lang || 'en';
  $('launcher-text').textContent = T.launcher;
  $('chat-title').textContent = T.title;
  $('name-label').textContent = T.name;
  $('start-button').textContent = T.start;
  $('text').placeholder = T.typeHere;
  $('send').textContent = T.send;
  $('human').textContent = T.human;
  $('end').textContent = T.end;
  $('confirm-text').textContent = T.confirmEnd;
  $('confirm-yes').textContent = T.end;
  $('confirm-no').textContent = T.keep;
  $('close').setAttribute('aria-label', T.close);
  $('attach').setAttribute('aria-label', T.attach);
  $('desk-status').textContent = T.checking;
  $('email-label').textContent = T.email;
  $('contact-button').textContent = T.leaveEmail;
  $('rating-label').textContent = T.rate;
  $('comment-label').textContent = T.comment;
  $('rate-button').textContent = T.sendRating;
  $('new-chat').textContent = T.newChat;
}

/** Says something to screen readers without moving focus. */
function announce(text) {
  $('announcer').textContent = '';
  window.setTimeout(() => { $('announcer').textContent = text; }, 50);
}

// Agents online, hours and queue, for everyone, before anyone asks anything.
new LiveStream('/api/status/events', ['status'], (type, status) => {
  state.desk = status;
  renderState();
}, () => {}).start();

$('start').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('name').value.trim();
  const body = { locale: LANG === 'zh' ? 'zh-CN' : 'en', page: window.location.href.slice(0, 2000) };
  if (name) {
    body.customerName = name;
  }
  try {
    const started = await api('POST', '/api/conversations', body);
    state.conversationId = started.conversation.id;
    localStorage.setItem(STORAGE_KEY, state.conversationId);
    openConversation(started.conversation);
    $('text').focus();
  } catch (failure) {
    showConnection('closed', failure.status === 429 ? T.tooMany(failure.retryAfter || 60) : T.offline);
  }
});

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = $('text').value;
  if (!text.trim()) {
    return;
  }
  $('text').value = '';
  autosize();
  send({ text });
});
$('text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('composer').requestSubmit();
  }
});
let typingSent = 0;
$('text').addEventListener('input', () => {
  autosize();
  if (state.conversationId && Date.now() - typingSent > 3000) {
    typingSent = Date.now();
    api('POST', `/api/conversations/${state.conversationId}/typing`, { typing: true }).catch(() => {});
  }
});
$('attach').addEventListener('click', () => $('file').click());
$('file').addEventListener('change', () => {
  [...$('file').files].forEach(attach);
  $('file').value = '';
});
$('text').addEventListener('paste', (event) => {
  const files = [...(event.clipboardData ? event.clipboardData.files : [])];
  if (files.length) {
    event.preventDefault();
    files.forEach(attach);
  }
});
$('chat').addEventListener('dragover', (event) => event.preventDefault());
$('chat').addEventListener('drop', (event) => {
  event.preventDefault();
  if (state.conversationId) {
    [...event.dataTransfer.files].forEach(attach);
  }
});

$('human').addEventListener('click', () => send({ text: LANG === 'zh' ? '我想转人工客服。' : 'I would like to talk to a person, please.' }));
$('end').addEventListener('click', () => {
  $('confirm-end').hidden = false;
  $('confirm-no').focus();
});
$('confirm-no').addEventListener('click', () => {
  $('confirm-end').hidden = true;
  $('text').focus();
});
$('confirm-yes').addEventListener('click', async () => {
  $('confirm-end').hidden = true;
  await api('POST', `/api/conversations/${state.conversationId}/resolve`).catch(() => {});
});
$('contact').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const result = await api('PUT', `/api/conversations/${state.conversationId}/contact`, { email: $('email').value });
    state.conversation = result.conversation;
    $('contact-error').textContent = '';
    renderState();
  } catch (failure) {
    $('contact-error').textContent = failure.status === 400 ? T.badEmail : T.offline;
  }
});
// The stars up to the chosen one light up.
document.querySelectorAll('input[name=score]').forEach((input) => input.addEventListener('change', () => {
  document.querySelectorAll('.stars label').forEach((label) => {
    label.classList.toggle('on', Number(label.htmlFor.slice('score-'.length)) <= Number(input.value));
  });
}));
$('rating').addEventListener('submit', async (event) => {
  event.preventDefault();
  const chosen = document.querySelector('input[name=score]:checked');
  if (!chosen) {
    $('rating-error').textContent = T.pickScore;
    return;
  }
  try {
    const result = await api('POST', `/api/conversations/${state.conversationId}/rating`,
      { score: Number(chosen.value), comment: $('comment').value });
    state.conversation = { ...state.conversation, rating: result.rating };
    $('rating-error').textContent = '';
    renderState();
    $('new-chat').focus();
  } catch (failure) {
    if (failure.error === 'already-rated') {
      state.conversation = { ...state.conversation, rating: { score: 0 } };
      renderState();
    } else {
      $('rating-error').textContent = failure.message || T.offline;
    }
  }
});
$('new-chat').addEventListener('click', () => {
  if (state.stream) {
    state.stream.stop();
  }
  $('rating').reset();
  document.querySelectorAll('.stars label').forEach((label) => label.classList.remove('on'));
  forget();
  $('messages').replaceChildren();
  $('name').focus();
});

/**
 * Sends a message so that it is never lost: it shows at once as "sending", then sent (the stream delivers it) or
 * failed with the reason and a retry that reuses its clientMessageId, so a retry can never post it twice. A network
 * failure retries by itself; a 429 says when a retry will be taken.
 */
function send(content, retrying) {
  const id = retrying || clientId();
  const body = { clientMessageId: id, text: content.text || '' };
  if (content.attachments) {
    body.attachments = content.attachments.map((attachment) => attachment.id);
  }
  if (!retrying) {
    showPending(id, content);
  }
  setPending(id, 'sending', T.sending);
  api('POST', `/api/conversations/${state.conversationId}/messages`, body).then((posted) => {
    confirmPending(id, posted.message, posted.eventId);
  }).catch((failure) => {
    if (!failure.status) {
      setPending(id, 'failed', T.offline);
      window.setTimeout(() => send(content, id), 3000);
    } else if (failure.status === 429) {
      setPending(id, 'failed', T.tooMany(failure.retryAfter || 30), () => send(content, id));
    } else if (failure.status >= 500) {
      setPending(id, 'failed', T.failed, () => send(content, id));
      window.setTimeout(() => send(content, id), 5000);
    } else {
      setPending(id, 'failed', failure.message || T.failed, () => send(content, id));
    }
  });
  typingSent = 0;
  api('POST', `/api/conversations/${state.conversationId}/typing`, { typing: false }).catch(() => {});
}

function showPending(id, content) {
  const item = el('li', 'message customer mine pending');
  item.dataset.clientMessageId = id;
  if (content.text) {
    item.append(textWithLinks(content.text));
  }
  (content.attachments || []).forEach((attachment) => item.append(attachmentView(attachment, T.opened)));
  const meta = el('span', 'meta');
  meta.append(el('span', 'status', T.sending));
  item.append(meta);
  $('messages').append(item);
  state.pending.set(id, item);
  item.scrollIntoView({ block: 'end' });
}

function setPending(id, kind, text, retry) {
  const item = state.pending.get(id);
  if (!item) {
    return;
  }
  item.dataset.state = kind;
  const status = item.querySelector('.status');
  status.textContent = text;
  item.querySelector('.retry')?.remove();
  if (retry) {
    const button = el('button', 'retry link', T.retry);
    button.type = 'button';
    button.addEventListener('click', retry);
    item.querySelector('.meta').append(button);
  }
  if (kind === 'failed') {
    announce(`${T.failed}: ${text}`);
  }
}

/** The server has the message: the pending entry becomes the message (the stream may have delivered it first). */
function confirmPending(id, message, eventId) {
  const item = state.pending.get(id);
  state.pending.delete(id);
  if (item) {
    item.remove();
  }
  showMessage(message, eventId);
}

/** Uploads a file with progress, then sends it as a message of its own. */
function attach(file) {
  const id = clientId();
  const item = el('li', 'message customer mine pending');
  item.dataset.clientMessageId = id;
  item.append(el('span', 'text', file.name));
  const meta = el('span', 'meta');
  meta.append(el('span', 'status', T.uploading(0)));
  item.append(meta);
  $('messages').append(item);
  state.pending.set(id, item);
  const upload = () => {
    const form = new FormData();
    form.append('file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', `/api/conversations/${state.conversationId}/attachments`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        setPending(id, 'sending', T.uploading(Math.round(100 * event.loaded / event.total)));
      }
    };
    request.onload = () => {
      if (request.status === 201) {
        const attachment = JSON.parse(request.responseText).attachment;
        state.pending.delete(id);
        item.remove();
        send({ attachments: [attachment] });
      } else {
        const reason = request.status === 415 ? T.unsupported : request.status === 413 ? T.tooLarge : T.uploadFailed;
        setPending(id, 'failed', reason, request.status >= 500 || request.status === 429 ? upload : null);
      }
    };
    request.onerror = () => setPending(id, 'failed', T.offline, upload);
    request.send(form);
  };
  upload();
}

function autosize() {
  $('text').style.height = 'auto';
  $('text').style.height = `${Math.min(120, $('text').scrollHeight)}px`;
}

async function resume() {
  if (!state.conversationId) {
    return;
  }
  try {
    const current = await api('GET', `/api/conversations/${state.conversationId}`);
    $('chat').hidden = false;
    $('launcher').hidden = true;
    openConversation(current.conversation);
  } catch (failure) {
    forget();
  }
}

function openConversation(conversation) {
  state.conversation = conversation;
  state.queue = conversation.queuePosition ? { position: conversation.queuePosition } : null;
  $('start').hidden = true;
  $('messages').hidden = false;
  renderState();
  state.stream = new LiveStream(`/api/conversations/${conversation.id}/events`,
    ['message', 'conversation', 'agent-status', 'read', 'typing', 'message-delta', 'queue'], onEvent, onConnection, 0,
    () => api('GET', `/api/conversations/${conversation.id}`));
  state.stream.start();
}

function forget() {
  localStorage.removeItem(STORAGE_KEY);
  state.conversationId = null;
  state.conversation = null;
  state.queue = null;
  $('start').hidden = false;
  $('messages').hidden = true;
  renderState();
}

let leaving = false;
window.addEventListener('pagehide', () => { leaving = true; });

function onConnection(connection) {
  if (leaving) {
    return;
  }
  if (connection === 'ended') {
    showConnection('closed', T.ended);
    $('messages').replaceChildren();
    forget();
  } else if (connection === 'live') {
    showConnection('live', '');
    refresh();
  } else {
    showConnection(connection, connection === 'connecting' ? T.connecting : T.reconnecting);
  }
}

/**
 * Reads the conversation again once the stream is live: what ephemeral events said while the stream was away (the
 * place in the queue) is not replayed. An answer older than what the stream has delivered since (its lastEventId is
 * below the newest event seen) is dropped: the stream's state is newer.
 */
async function refresh() {
  try {
    const current = await api('GET', `/api/conversations/${state.conversationId}`);
    if (current.lastEventId < state.lastEventId) {
      return;
    }
    state.conversation = current.conversation;
    state.queue = current.conversation.queuePosition
      ? { ...(state.queue || {}), position: current.conversation.queuePosition } : null;
    renderState();
  } catch (failure) {
    // the stream's own check decides whether the chat is over
  }
}

function showConnection(kind, text) {
  const banner = $('connection');
  const changed = banner.textContent !== text;
  banner.hidden = kind === 'live';
  banner.dataset.state = kind;
  banner.textContent = text;
  if (changed && text && kind !== 'connecting') {
    announce(text);
  }
}

/** What the customer sees about where they stand, and which controls they have. */
function renderState() {
  const conversation = state.conversation;
  const desk = state.desk;
  const status = conversation ? conversation.status : null;
  const resolved = status === 'RESOLVED';
  const closedHours = desk && !desk.open && status === 'QUEUED';
  let line;
  if (!conversation) {
    line = !desk ? T.checking : desk.opensAt ? closedLine(desk)
      : desk.agentsOnline > 0 ? T.agentsOnline(desk.agentsOnline) : T.agentsAway;
  } else if (resolved) {
    line = T.resolved;
  } else if (status === 'ASSIGNED') {
    line = T.withAgent(agentName());
  } else if (closedHours && desk.opensAt) {
    line = closedLine(desk);
  } else if (status === 'QUEUED') {
    line = queueLine();
  } else {
    line = T.assistant;
  }
  $('desk-status').textContent = line;
  $('chat').dataset.state = !conversation ? 'start' : resolved ? 'resolved' : closedHours ? 'closed' : status.toLowerCase();
  const followedUp = conversation && conversation.followUp === 'email';
  $('contact').hidden = !closedHours || followedUp;
  $('offline-message').textContent = desk ? desk.offlineMessage[LANG] : '';
  $('state').hidden = !(closedHours && followedUp);
  $('state').textContent = followedUp ? T.emailSaved(conversation.email) : '';
  $('composer').hidden = !conversation || resolved;
  $('actions').hidden = !conversation || resolved;
  $('human').hidden = status !== 'BOT';
  document.querySelectorAll('#messages .suggestions').forEach((choices) => { choices.hidden = status !== 'BOT'; });
  const rated = conversation && conversation.rating;
  $('rating').hidden = !resolved || Boolean(rated);
  $('thanks').hidden = !(resolved && rated);
  $('thanks').textContent = T.thanks;
  $('new-chat').hidden = !resolved;
  if (!conversation) {
    $('confirm-end').hidden = true;
  }
}

function closedLine(desk) {
  return T.closed + (desk.opensAt ? T.opensAt(new Date(desk.opensAt).toLocaleString(LANG === 'zh' ? 'zh-CN' : [],
    { weekday: 'short', hour: '2-digit', minute: '2-digit' })) : '');
}

function queueLine() {
  const queue = state.queue;
  if (!queue) {
    return T.waiting;
  }
  if (queue.agentsOnline === 0) {
    return `${T.queued(queue.position, '')} · ${T.noAgents}`;
  }
  const wait = queue.estimatedWaitSeconds ? T.waitAbout(Math.max(1, Math.round(queue.estimatedWaitSeconds / 60))) : '';
  return T.queued(queue.position, wait);
}

function agentName() {
  return state.conversation.assigneeName || state.conversation.assigneeId;
}

function onEvent(type, data, eventId) {
  if (eventId) {
    state.lastEventId = Math.max(state.lastEventId, eventId);
  }
  switch (type) {
    case 'reset':
      $('messages').replaceChildren();
      state.drafts.clear();
      break;
    case 'message':
      showMessage(data.message, eventId);
      noticeNew(data.message);
      markRead();
      break;
    case 'message-delta':
      showDelta(data);
      break;
    case 'typing':
      if (data.sender.role !== 'customer') {
        showTyping(data.typing ? T.typing(data.sender.name) : null);
      }
      break;
    case 'read':
      if (data.reader.role === 'agent') {
        state.agentReadUpTo = Math.max(state.agentReadUpTo, data.upTo);
        updateTicks();
      }
      break;
    case 'queue':
      state.queue = data;
      renderState();
      break;
    case 'conversation':
      state.conversation = { ...state.conversation, ...data.conversation };
      if (data.conversation.status !== 'QUEUED') {
        state.queue = null;
      }
      renderState();
      break;
    default:
      break;
  }
}

/** A message from the desk while the widget is closed raises the launcher's badge; an open one is announced. */
function noticeNew(message) {
  if (message.sender.role === 'customer') {
    return;
  }
  if ($('chat').hidden) {
    state.unread += 1;
    showUnread();
  } else if (message.sender.role !== 'system') {
    announce(`${T.newMessage(message.sender.name)}: ${message.text}`);
  } else {
    announce(message.text);
  }
}

function showUnread() {
  $('unread').hidden = state.unread === 0;
  $('unread').textContent = String(state.unread);
  $('launcher').setAttribute('aria-label', state.unread ? `${T.launcher} (${state.unread})` : T.launcher);
}

function showMessage(message, eventId) {
  const draft = state.drafts.get(message.id);
  if (draft) {
    draft.remove();
    state.drafts.delete(message.id);
  }
  if (message.clientMessageId && state.pending.has(message.clientMessageId)) {
    state.pending.get(message.clientMessageId).remove();
    state.pending.delete(message.clientMessageId);
  }
  if ($('messages').querySelector(`[data-event-id="${eventId}"]`)) {
    return;
  }
  const mine = message.sender.role === 'customer';
  const item = el('li', `message ${message.sender.role}${mine ? ' mine' : ''}`);
  item.dataset.eventId = String(eventId);
  item.dataset.messageId = message.id;
  if (message.sender.role === 'system') {
    item.append(el('span', 'notice', message.text));
  } else {
    if (!mine) {
      item.append(el('span', 'sender', message.sender.name));
    }
    if (message.text) {
      item.append(textWithLinks(message.text));
    }
    (message.attachments || []).forEach((attachment) => item.append(attachmentView(attachment, T.opened)));
    if (message.suggestions && message.suggestions.length) {
      const choices = suggestionsView(message.suggestions);
      choices.hidden = Boolean(state.conversation) && state.conversation.status !== 'BOT';
      item.append(choices);
    }
    const meta = el('span', 'meta', time(message.sentAt));
    if (mine) {
      meta.append(el('span', 'ticks', '✓'));
    }
    item.append(meta);
  }
  if (message.sender.role !== 'customer') {
    showTyping(null);
  }
  $('messages').append(item);
  updateTicks();
  item.scrollIntoView({ block: 'end' });
}

/**
 * The topics the assistant offers when it was not sure: picking one asks its question (answered like any other),
 * and a person is one click away too. The choices stay only while the assistant has the conversation.
 */
function suggestionsView(suggestions) {
  const list = el('div', 'suggestions');
  list.setAttribute('role', 'group');
  list.setAttribute('aria-label', T.suggestions);
  for (const suggestion of suggestions) {
    const button = el('button', 'suggestion', suggestion.question);
    button.type = 'button';
    button.addEventListener('click', () => send({ text: suggestion.question }));
    list.append(button);
  }
  const person = el('button', 'suggestion person', T.human);
  person.type = 'button';
  person.addEventListener('click', () => $('human').click());
  list.append(person);
  return list;
}

/** Text with its http and https addresses as links that open elsewhere and cannot reach back into this page. */
function textWithLinks(text) {
  const span = el('span', 'text');
  const pattern = /https?:\/\/[^\s<>"']+/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const url = match[0].replace(/[.,;:!?)]+$/, '');
    span.append(document.createTextNode(text.slice(last, match.index)));
    const link = el('a', null, url);
    link.href = url;
    link.target = '_blank';
    link.rel = 'noopener noreferrer';
    span.append(link);
    last = match.index + url.length;
  }
  span.append(document.createTextNode(text.slice(last)));
  return span;
}

function showDelta(delta) {
  let item = state.drafts.get(delta.draftId);
  if (delta.cancelled) {
    if (item) {
      item.remove();
      state.drafts.delete(delta.draftId);
    }
    return;
  }
  if (!item && !delta.done) {
    item = el('li', 'message bot draft');
    item.append(el('span', 'sender', 'LiveDesk Assistant'), el('span', 'text', ''));
    state.drafts.set(delta.draftId, item);
    $('messages').append(item);
  }
  if (item && delta.delta) {
    item.querySelector('.text').textContent += delta.delta;
    item.scrollIntoView({ block: 'end' });
  }
}

function showTyping(text) {
  $('typing').hidden = !text;
  $('typing').textContent = text || '';
  if (text) {
    announce(text);
  }
}

function updateTicks() {
  for (const item of $('messages').querySelectorAll('.message.mine:not(.pending)')) {
    const read = Number(item.dataset.eventId) <= state.agentReadUpTo;
    const ticks = item.querySelector('.ticks');
    if (ticks) {
      ticks.textContent = read ? '✓✓' : '✓';
      ticks.classList.toggle('read', read);
    }
  }
}

let readTimer = null;
function markRead() {
  clearTimeout(readTimer);
  readTimer = setTimeout(() => {
    if (document.visibilityState === 'visible' && !$('chat').hidden && state.lastEventId && state.conversationId) {
      api('POST', `/api/conversations/${state.conversationId}/read`, { upTo: state.lastEventId }).catch(() => {});
    }
  }, 300);
}

resume();

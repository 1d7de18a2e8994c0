// The open conversation: its history, the composer (replies, notes, canned responses, files) and actions.
import { api, clientId } from '/js/api.js';
import { attachmentView, el } from '/js/dom.js';
import { LiveStream } from '/js/live-stream.js';
import { throttle, time } from '/js/timing.js';
import { uploadFile } from '/js/upload.js';
import { assigneeText, countsUnread, markOpenRow, merge, renderCounts, renderRow } from './list.js';
import { onAgentTyping, viewing } from './collision.js';
import { banner } from './notifications.js';
import { renderSidebar } from './sidebar.js';
import { $, state } from './state.js';

$('claim').addEventListener('click', () => act('assign', {}));

$('transfer').addEventListener('click', () => {
  if ($('transfer-to').value) {
    act('assign', { agentId: $('transfer-to').value });
  }
});

$('resolve').addEventListener('click', () => act('resolve'));

$('reopen').addEventListener('click', () => act('reopen'));

$('tab-reply').addEventListener('click', () => setMode('reply'));

$('tab-note').addEventListener('click', () => setMode('note'));

const typing = (value) => api('POST', `/api/conversations/${state.openId}/typing`, { typing: value }).catch(() => {});

const typingNow = throttle(() => typing(true), 3000);

$('composer').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('text').value;
  const conversationId = state.openId;
  if (!text.trim() || !conversationId) {
    return;
  }
  $('text').value = '';
  $('canned').hidden = true;
  highlightCanned();
  try {
    if (state.mode === 'note') {
      await api('POST', `/api/conversations/${conversationId}/notes`, { text });
    } else {
      await api('POST', `/api/conversations/${conversationId}/messages`, { text, clientMessageId: clientId() });
      typing(false);
      typingNow.reset();
    }
    showError(null);
  } catch (failure) {
    $('text').value = text;
    showError(failure);
  }
});

$('text').addEventListener('input', () => {
  if (state.mode === 'reply') {
    typingNow();
  }
});

$('text').addEventListener('input', () => offerCanned());

$('attach').addEventListener('click', () => $('file').click());

$('file').addEventListener('change', () => {
  [...$('file').files].forEach(attachFile);
  $('file').value = '';
});

$('text').addEventListener('keydown', (event) => {
  if (!$('canned').hidden) {
    const items = $('canned').children;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      state.cannedIndex = (state.cannedIndex + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      highlightCanned();
      return;
    }
    if (event.key === 'Enter' || event.key === 'Tab') {
      event.preventDefault();
      items[state.cannedIndex].click();
      return;
    }
    if (event.key === 'Escape') {
      $('canned').hidden = true;
      highlightCanned();
      return;
    }
  }
  if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    $('composer').requestSubmit();
  }
});

/** Runs an action on the open conversation; a refusal shows next to the conversation, not in a pop-up. */
export async function act(action, body) {
  try {
    const result = await api('POST', `/api/conversations/${state.openId}/${action}`, body);
    merge(result.conversation);
    showError(null);
  } catch (failure) {
    showError(failure);
  }
}

export function showError(failure) {
  $('view-error').textContent = failure ? (failure.message || 'That did not work. Try again.') : '';
}

/** The colleagues the open conversation can go to: the other members of its inbox. */
export function renderTransfer() {
  const conversation = state.conversations.get(state.openId);
  const members = conversation ? state.inboxes.get(conversation.inboxId) : null;
  const options = [...state.agents.values()]
    .filter((agent) => agent.id !== state.me.id && (!members || members.has(agent.id)))
    .map((agent) => {
      const option = el('option', null, `${agent.displayName} · ${agent.status.toLowerCase()} · ${agent.openConversations} open`);
      option.value = agent.id;
      option.disabled = agent.status === 'OFFLINE';
      return option;
    });
  const placeholder = el('option', null, 'Transfer to…');
  placeholder.value = '';
  $('transfer-to').replaceChildren(placeholder, ...options);
}

export function openFromUrl() {
  const match = /^#\/conversations\/([A-Za-z0-9-]+)$/.exec(window.location.hash);
  if (match && state.me) {
    open(match[1]);
  } else if (!match) {
    closeView();
  }
}

/**
 * Follows the open conversation's own stream for what only the agents looking at it need: the customer typing. The
 * agents' stream carries every conversation's durable events but no typing and no assistant drafts: at a big desk
 * those would be most of every agent's deliveries, and almost none looked at. Durable events arrive here too (the
 * stream resumes after the last one seen) and are left to the agents' stream.
 */
export function watch(conversationId, lastEventId) {
  unwatch();
  state.watch = new LiveStream(`/api/conversations/${conversationId}/events`, ['typing', 'message', 'conversation',
    'read'], (type, data) => {
    if (type === 'typing' && state.openId === conversationId && data.sender.role === 'customer') {
      $('typing').hidden = !data.typing;
      $('typing').textContent = data.typing ? `${data.sender.name} is typing…` : '';
    } else if (type === 'typing' && state.openId === conversationId && data.sender.role === 'agent') {
      onAgentTyping(data.sender, data.typing);
    }
  }, () => {}, lastEventId, () => api('GET', `/api/conversations/${conversationId}`));
  state.watch.start();
}

export function unwatch() {
  if (state.watch) {
    state.watch.stop();
    state.watch = null;
  }
}

export function closeView() {
  unwatch();
  state.openId = null;
  viewing(null);
  $('view').hidden = true;
  $('sidebar').hidden = true;
  if (window.location.hash) {
    window.history.replaceState(null, '', window.location.pathname);
  }
  markOpenRow();
}

export async function open(conversationId, goneMessage = 'That conversation does not exist (any more).') {
  unwatch();
  state.openId = conversationId;
  state.shownEvents.clear();
  $('view').hidden = false;
  $('sidebar').hidden = false;
  $('messages').replaceChildren();
  $('typing').hidden = true;
  viewing(conversationId);
  showError(null);
  if (!state.conversations.has(conversationId)) {
    try {
      const current = await api('GET', `/api/conversations/${conversationId}`);
      merge(current.conversation);
    } catch (failure) {
      closeView();
      banner(goneMessage, 'reset');
      return;
    }
  }
  renderHeader();
  renderSidebar();
  markOpenRow();
  loadHistory(conversationId);
  let after = '';
  for (;;) {
    const page = await api('GET', `/api/conversations/${conversationId}/messages?limit=200${after}`);
    if (state.openId !== conversationId) {
      return;
    }
    page.messages.forEach((entry) => (entry.kind === 'note' ? showNote(entry.note, entry.eventId)
      : showMessage(entry.message, entry.eventId)));
    if (!page.hasMore) {
      markRead(page.lastEventId);
      watch(conversationId, page.lastEventId);
      return;
    }
    after = `&after=${page.messages[page.messages.length - 1].eventId}`;
  }
}

export function renderHeader() {
  const conversation = state.conversations.get(state.openId);
  if (!conversation) {
    return;
  }
  $('view-title').textContent = conversation.customerName + (conversation.topic ? ` · ${conversation.topic}` : '');
  const status = { BOT: 'With the assistant', QUEUED: 'Waiting in the queue', RESOLVED: 'Resolved' }[conversation.status];
  $('view-status').textContent = status || `Assigned to ${assigneeText(conversation)}`;
  const resolved = conversation.status === 'RESOLVED';
  // only a conversation nobody has can be claimed: a colleague's is transferred, never claimed
  $('claim').hidden = resolved || conversation.status === 'ASSIGNED';
  $('resolve').hidden = resolved;
  $('reopen').hidden = !resolved;
  // A colleague's conversation is moved only by a supervisor; the server refuses anyone else too.
  const movable = !conversation.assigneeId || conversation.assigneeId === state.me.id || state.me.role !== 'AGENT';
  $('transfer').hidden = resolved || !movable;
  $('transfer-to').hidden = resolved || !movable;
  renderTransfer();
  $('closed').hidden = !resolved;
  $('text').disabled = resolved && state.mode === 'reply';
  $('send').disabled = $('text').disabled;
}

export async function loadHistory(conversationId) {
  try {
    const history = await api('GET', `/api/conversations/${conversationId}/customer-history`);
    if (state.openId !== conversationId) {
      return;
    }
    $('history').replaceChildren(...history.conversations.map((earlier) => {
      const item = el('li');
      const link = el('a', null, `${earlier.topic || earlier.customerName} · ${earlier.status.toLowerCase()} · ${time(earlier.createdAt)}`);
      link.href = `#/conversations/${earlier.id}`;
      item.append(link);
      return item;
    }));
    if (!history.conversations.length) {
      $('history').replaceChildren(el('li', 'empty', 'None'));
    }
  } catch (failure) {
    $('history').replaceChildren();
  }
}

export function setMode(mode) {
  state.mode = mode;
  $('tab-reply').setAttribute('aria-selected', String(mode === 'reply'));
  $('tab-note').setAttribute('aria-selected', String(mode === 'note'));
  $('compose').dataset.mode = mode;
  $('text').placeholder = mode === 'note' ? 'Private note for colleagues; the customer never sees it'
    : 'Reply… (/ for canned responses)';
  $('text').setAttribute('aria-label', mode === 'note' ? 'Private note' : 'Reply');
  $('send').textContent = mode === 'note' ? 'Add note' : 'Send';
  renderHeader();
}

export function lastEventOf(conversationId) {
  const row = state.conversations.get(conversationId);
  return row && row.lastEventId;
}

export function showMessage(message, eventId) {
  if (state.shownEvents.has(eventId)) {
    return;
  }
  state.shownEvents.add(eventId);
  const entry = el('li', `message ${message.sender.role}`);
  entry.dataset.eventId = String(eventId);
  if (message.sender.role === 'system') {
    entry.append(el('span', 'notice', message.text));
  } else {
    entry.append(el('span', 'sender', message.sender.name), el('span', 'text', message.text));
    (message.attachments || []).forEach((attachment) => entry.append(attachmentView(attachment)));
    entry.append(el('span', 'meta', time(message.sentAt)));
  }
  if (message.sender.role === 'customer') {
    $('typing').hidden = true;
  }
  place(entry, eventId);
}

/** Uploads a file to the open conversation and sends it as a message of its own; a refusal shows inline. */
export async function attachFile(file) {
  const conversationId = state.openId;
  try {
    const attachment = await uploadFile(conversationId, file);
    await api('POST', `/api/conversations/${conversationId}/messages`,
      { attachments: [attachment.id], clientMessageId: clientId() });
    showError(null);
  } catch (failure) {
    showError(failure);
  }
}

export function showNote(note, eventId) {
  if (state.shownEvents.has(eventId)) {
    return;
  }
  state.shownEvents.add(eventId);
  const entry = el('li', 'message note');
  entry.dataset.eventId = String(eventId);
  entry.append(el('span', 'sender', `Note · ${note.author.name}`), el('span', 'text', note.text),
    el('span', 'meta', time(note.createdAt)));
  place(entry, eventId);
}

/** Adds an entry in event order (a live event can arrive while the history still loads). */
export function place(entry, eventId) {
  const later = [...$('messages').children].find((other) => Number(other.dataset.eventId) > eventId);
  $('messages').insertBefore(entry, later || null);
  entry.scrollIntoView({ block: 'end' });
}

export function markRead(eventId) {
  const row = state.conversations.get(state.openId);
  if (row && document.visibilityState === 'visible') {
    if (row.unread > 0 && countsUnread(row)) {
      state.counts.unread = Math.max(0, state.counts.unread - row.unread);
      renderCounts();
    }
    row.unread = 0;
    renderRow(row.id);
    if (eventId) {
      api('POST', `/api/conversations/${state.openId}/read`, { upTo: eventId }).catch(() => {});
    }
  }
}

/** Offers the canned responses whose shortcut starts with what follows a leading "/". */
export function offerCanned() {
  const match = /^\/([a-z0-9_-]*)$/.exec($('text').value);
  if (!match || state.mode !== 'reply') {
    $('canned').hidden = true;
    highlightCanned();
    return;
  }
  const conversation = state.conversations.get(state.openId);
  const lang = ((conversation && conversation.customer && conversation.customer.locale) || 'en').slice(0, 2);
  const found = state.canned.filter((response) => response.shortcut.startsWith(match[1]))
    .sort((a, b) => Number(b.lang === lang) - Number(a.lang === lang));
  $('canned').replaceChildren(...found.slice(0, 8).map((response, index) => {
    const item = el('li', 'canned-item');
    item.id = `canned-${index}`;
    item.setAttribute('role', 'option');
    item.append(el('strong', null, `/${response.shortcut}`), el('span', null, ` ${response.title} (${response.lang})`));
    item.addEventListener('mousedown', (event) => event.preventDefault());
    item.addEventListener('click', () => {
      $('text').value = response.text;
      $('canned').hidden = true;
      highlightCanned();
      $('text').focus();
    });
    return item;
  }));
  state.cannedIndex = 0;
  $('canned').hidden = found.length === 0;
  highlightCanned();
}

/**
 * Marks the chosen canned response; the composer, which keeps the focus, points screen readers at it
 * (aria-activedescendant), and says whether the list is open (aria-expanded).
 */
export function highlightCanned() {
  const items = [...$('canned').children];
  items.forEach((item, index) => item.setAttribute('aria-selected', String(index === state.cannedIndex)));
  const open = !$('canned').hidden && items.length > 0;
  $('text').setAttribute('aria-expanded', String(open));
  if (open) {
    $('text').setAttribute('aria-activedescendant', items[state.cannedIndex].id);
  } else {
    $('text').removeAttribute('aria-activedescendant');
  }
}

// The conversation as the customer reads it: messages, drafts, typing, read ticks, pending sends.
import { api } from '/js/api.js';
import { attachmentView, el } from '/js/dom.js';
import { time } from '/js/timing.js';
import { send } from './composer.js';
import { T } from './i18n.js';
import { $, state } from './state.js';
import { toHost } from './host.js';

/** Says something to screen readers without moving focus. */
export function announce(text) {
  $('announcer').textContent = '';
  window.setTimeout(() => { $('announcer').textContent = text; }, 50);
}

/**
 * A message from an agent or the assistant while the widget is closed raises the launcher's badge (a system notice
 * such as "Alice joined" does not); with the widget open every message from the desk is announced.
 */
export function noticeNew(message) {
  if (message.sender.role === 'customer') {
    return;
  }
  if ($('chat').hidden) {
    if (message.sender.role !== 'system') {
      state.unread += 1;
      showUnread();
    }
  } else if (message.sender.role !== 'system') {
    announce(`${T.newMessage(message.sender.name)}: ${message.text}`);
  } else {
    announce(message.text);
  }
}

export function showUnread() {
  toHost({ type: 'livedesk:unread', count: state.unread });
  $('unread').hidden = state.unread === 0;
  $('unread').textContent = String(state.unread);
  $('launcher').setAttribute('aria-label', state.unread ? `${T.launcher} (${state.unread})` : T.launcher);
}

export function showMessage(message, eventId) {
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
      item.append(el('span', 'sender', message.sender.role === 'bot' ? T.assistantName : message.sender.name));
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
export function suggestionsView(suggestions) {
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
export function textWithLinks(text) {
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

export function showDelta(delta) {
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
    item.append(el('span', 'sender', T.assistantName), el('span', 'text', ''));
    state.drafts.set(delta.draftId, item);
    $('messages').append(item);
  }
  if (item && delta.delta) {
    item.querySelector('.text').textContent += delta.delta;
    item.scrollIntoView({ block: 'end' });
  }
}

export function showTyping(text) {
  $('typing').hidden = !text;
  $('typing').textContent = text || '';
  if (text) {
    announce(text);
  }
}

export function updateTicks() {
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

export function markRead() {
  clearTimeout(readTimer);
  readTimer = setTimeout(() => {
    if (document.visibilityState === 'visible' && !$('chat').hidden && state.lastEventId && state.conversationId) {
      api('POST', `/api/conversations/${state.conversationId}/read`, { upTo: state.lastEventId }).catch(() => {});
    }
  }, 300);
}

export function showPending(id, content) {
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

export function setPending(id, kind, text, retry) {
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
export function confirmPending(id, message, eventId) {
  const item = state.pending.get(id);
  state.pending.delete(id);
  if (item) {
    item.remove();
  }
  showMessage(message, eventId);
}

// Who else works the open conversation: colleagues who have it open ("viewing", from the agents' stream) and those
// typing in it (from the conversation's own stream), so that two agents never answer one customer blindly.
import { api } from '/js/api.js';
import { $, state } from './state.js';

/** How often an open conversation tells colleagues it is still open; the server forgets it after 30 s without. */
const REFRESH_MS = 10000;

let shown = null;
let refresh = null;

const report = (conversationId, viewing) => api('POST', `/api/conversations/${conversationId}/viewing`,
  { viewing }).catch(() => {});

/** This agent opened a conversation (or none): tells colleagues, and stops telling about the previous one. */
export function viewing(conversationId) {
  if (shown === conversationId) {
    return;
  }
  if (shown) {
    report(shown, false);
  }
  clearInterval(refresh);
  shown = conversationId;
  state.typingAgents.clear();
  if (conversationId) {
    report(conversationId, true);
    refresh = setInterval(() => report(conversationId, true), REFRESH_MS);
  }
  renderCollision();
}

/**
 * A colleague opened or closed a conversation (the agents' stream). Answers whether the viewers changed: a console
 * repeats its "viewing" every 10 s, and a repeat changes nothing.
 */
export function onViewing(data) {
  if (!state.me || data.agent.id === state.me.id) {
    return false;
  }
  let viewers = state.viewers.get(data.conversationId);
  const before = viewers ? viewers.has(data.agent.id) : false;
  if (before === data.viewing) {
    return false;
  }
  if (data.viewing) {
    if (!viewers) {
      viewers = new Map();
      state.viewers.set(data.conversationId, viewers);
    }
    viewers.set(data.agent.id, data.agent.name);
  } else if (viewers) {
    viewers.delete(data.agent.id);
    if (!viewers.size) {
      state.viewers.delete(data.conversationId);
    }
  }
  if (!data.viewing && data.conversationId === state.openId) {
    state.typingAgents.delete(data.agent.id);
  }
  if (data.conversationId === state.openId) {
    renderCollision();
  }
  return true;
}

/** A colleague started or stopped typing in the open conversation (its own stream). */
export function onAgentTyping(sender, typing) {
  if (sender.id === state.me.id) {
    return;
  }
  if (typing) {
    state.typingAgents.set(sender.id, sender.name);
  } else {
    state.typingAgents.delete(sender.id);
  }
  renderCollision();
}

/** The names of colleagues who have the conversation open. */
export function viewersOf(conversationId) {
  return [...(state.viewers.get(conversationId) || new Map()).values()];
}

function renderCollision() {
  const typing = [...state.typingAgents.values()];
  const viewers = viewersOf(state.openId).filter((name) => !typing.includes(name));
  const parts = [];
  if (typing.length) {
    parts.push(`${typing.join(', ')} ${typing.length > 1 ? 'are' : 'is'} typing…`);
  }
  if (viewers.length) {
    parts.push(`${viewers.join(', ')} ${viewers.length > 1 ? 'are' : 'is'} viewing this conversation`);
  }
  $('collision').hidden = parts.length === 0;
  $('collision').textContent = parts.join(' · ');
}

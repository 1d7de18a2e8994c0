// What the widget knows of the conversation, shared by its modules; `$` finds an element by id.

export const STORAGE_KEY = 'livedesk.conversation';

export const $ = (id) => document.getElementById(id);

export const state = {
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

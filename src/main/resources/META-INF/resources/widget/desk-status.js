// The line that tells the customer where they stand, and which controls they have.
import { LiveStream } from '/js/live-stream.js';
import { LANG, T } from './i18n.js';
import { $, state } from './state.js';

/** Follows the inbox's agents online, hours and queue for everyone, before anyone asks anything. */
export function followDeskStatus() {
  const inbox = state.websiteToken ? `?websiteToken=${encodeURIComponent(state.websiteToken)}` : '';
  new LiveStream(`/api/status/events${inbox}`, ['status'], (type, status) => {
    state.desk = status;
    renderState();
  }, () => {}).start();
}

/** What the customer sees about where they stand, and which controls they have. */
export function renderState() {
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
  // While the desk is closed the customer is offered to leave an email, in one compact line beside the composer;
  // once it is given, the system message alone says where the answer will go.
  $('contact').hidden = !closedHours || followedUp;
  $('offline-message').textContent = desk ? desk.offlineMessage[LANG] : '';
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

export function closedLine(desk) {
  return T.closed + (desk.opensAt ? T.opensAt(new Date(desk.opensAt).toLocaleString(LANG === 'zh' ? 'zh-CN' : [],
    { weekday: 'short', hour: '2-digit', minute: '2-digit' })) : '');
}

export function queueLine() {
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

export function agentName() {
  return state.conversation.assigneeName || state.conversation.assigneeId;
}

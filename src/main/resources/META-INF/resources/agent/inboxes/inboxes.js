// Admins' page of inboxes (websites and brands): each inbox's snippet line, origins, hours and agents; a form to
// create one or change one, and its members. Everything goes through /api/inboxes; text is set as text only.
import { api } from '/js/api.js';
import { el } from '/js/dom.js';

const $ = (id) => document.getElementById(id);

const state = { agents: [], inboxes: [], editing: null };

function showProblem(text) {
  $('problem').textContent = text;
  $('problem').hidden = !text;
}

/** The line a website puts on its pages. */
function snippet(inbox) {
  return `<script src="${window.location.origin}/sdk.js" data-website-token="${inbox.websiteToken}" async></script>`;
}

function row(list, name, value) {
  list.append(el('dt', null, name));
  const dd = el('dd');
  if (value instanceof Node) {
    dd.append(value);
  } else {
    dd.textContent = value;
  }
  list.append(dd);
}

function agentName(id) {
  const agent = state.agents.find((candidate) => candidate.id === id);
  return agent ? agent.displayName : id;
}

function card(inbox) {
  const article = el('article', 'inbox');
  article.dataset.inbox = inbox.id;
  article.append(el('h2', null, inbox.configured ? `${inbox.name} (default, set in configuration)` : inbox.name));
  const details = el('dl');
  const line = el('code', 'snippet', snippet(inbox));
  row(details, 'Snippet', line);
  row(details, 'Website token', el('code', null, inbox.websiteToken));
  row(details, 'Allowed websites', inbox.allowedOrigins.length ? inbox.allowedOrigins.join(', ')
    : 'none but LiveDesk\'s own pages');
  row(details, 'Customers', inbox.identityVerification ? 'verified only (identifierHash required)'
    : 'anonymous or identified');
  row(details, 'Business hours', inbox.hours ? `${inbox.hours.weekly || 'always open'} (${inbox.hours.timezone})`
    : 'the configured hours');
  if (inbox.color) {
    const colour = el('span');
    const swatch = el('span', 'swatch');
    swatch.style.backgroundColor = inbox.color;
    colour.append(swatch, inbox.color);
    row(details, 'Colour', colour);
  }
  row(details, 'Agents', inbox.agentIds.length ? inbox.agentIds.map(agentName).join(', ') : 'nobody yet');
  const secret = el('code', 'secret', inbox.identitySecret);
  secret.hidden = true;
  const masked = el('span', 'masked', 'hidden (it signs customers\' identifiers: keep it on your server)');
  const secretValue = el('span');
  secretValue.append(masked, secret);
  row(details, 'Identity secret', secretValue);
  article.append(details);
  const actions = el('div', 'actions');
  const copy = el('button', 'secondary copy', 'Copy snippet');
  copy.type = 'button';
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(snippet(inbox));
      copy.textContent = 'Copied';
    } catch (failure) {
      window.getSelection().selectAllChildren(line);
    }
  });
  const reveal = el('button', 'secondary reveal', 'Show identity secret');
  reveal.type = 'button';
  reveal.addEventListener('click', () => {
    secret.hidden = !secret.hidden;
    masked.hidden = !secret.hidden;
    reveal.textContent = secret.hidden ? 'Show identity secret' : 'Hide identity secret';
  });
  actions.append(copy, reveal);
  if (!inbox.configured) {
    const edit = el('button', 'edit', 'Edit');
    edit.type = 'button';
    edit.addEventListener('click', () => openEditor(inbox));
    actions.append(edit);
  }
  article.append(actions);
  return article;
}

function render() {
  $('list').replaceChildren(...state.inboxes.map(card));
}

async function loadInboxes() {
  state.inboxes = (await api('GET', '/api/inboxes')).inboxes;
  render();
}

/** Opens the form for a new inbox (null) or to change one. */
function openEditor(inbox) {
  state.editing = inbox;
  $('editor-title').textContent = inbox ? `Change ${inbox.name}` : 'New inbox';
  $('name').value = inbox ? inbox.name : '';
  $('origins').value = inbox ? inbox.allowedOrigins.join('\n') : '';
  $('color').value = inbox && inbox.color ? inbox.color : '';
  $('verification').checked = Boolean(inbox && inbox.identityVerification);
  $('timezone').value = inbox && inbox.hours ? inbox.hours.timezone : '';
  $('weekly').value = inbox && inbox.hours ? inbox.hours.weekly : '';
  $('greeting-en').value = inbox && inbox.greeting ? inbox.greeting.en || '' : '';
  $('greeting-zh').value = inbox && inbox.greeting ? inbox.greeting.zh || '' : '';
  const members = new Set(inbox ? inbox.agentIds : []);
  $('members').replaceChildren(...state.agents.map((agent) => {
    const label = el('label', 'check');
    const box = el('input');
    box.type = 'checkbox';
    box.value = agent.id;
    box.checked = members.has(agent.id);
    label.append(box, ` ${agent.displayName}`);
    return label;
  }));
  $('editor-error').textContent = '';
  $('editor').hidden = false;
  $('name').focus();
}

function body() {
  const request = {
    name: $('name').value.trim(),
    allowedOrigins: $('origins').value.split('\n').map((origin) => origin.trim()).filter(Boolean),
    identityVerification: $('verification').checked,
  };
  if ($('color').value.trim()) {
    request.color = $('color').value.trim();
  }
  if ($('timezone').value.trim() || $('weekly').value.trim()) {
    request.hours = { timezone: $('timezone').value.trim(), weekly: $('weekly').value.trim() };
  }
  const greeting = {};
  if ($('greeting-en').value.trim()) {
    greeting.en = $('greeting-en').value.trim();
  }
  if ($('greeting-zh').value.trim()) {
    greeting.zh = $('greeting-zh').value.trim();
  }
  if (Object.keys(greeting).length) {
    request.greeting = greeting;
  }
  return request;
}

$('editor').addEventListener('submit', async (event) => {
  event.preventDefault();
  const agentIds = [...$('members').querySelectorAll('input:checked')].map((box) => box.value);
  try {
    const saved = state.editing
      ? await api('PUT', `/api/inboxes/${state.editing.id}`, body())
      : await api('POST', '/api/inboxes', body());
    await api('PUT', `/api/inboxes/${saved.inbox.id}/members`, { agentIds });
    $('editor').hidden = true;
    state.editing = null;
    await loadInboxes();
  } catch (failure) {
    $('editor-error').textContent = failure.message || 'The inbox could not be saved; try again.';
  }
});

$('cancel').addEventListener('click', () => {
  $('editor').hidden = true;
  state.editing = null;
});

$('new').addEventListener('click', () => openEditor(null));

async function start() {
  let me;
  try {
    me = await api('GET', '/api/agents/me');
  } catch (failure) {
    showProblem('Log in to the agent console first, then open the inboxes again.');
    return;
  }
  if (me.role !== 'ADMIN') {
    showProblem('Inboxes are managed by admins. Ask an admin to add a website or change its agents.');
    return;
  }
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];
  $('zones').replaceChildren(...zones.map((zone) => {
    const option = el('option');
    option.value = zone;
    return option;
  }));
  state.agents = await api('GET', '/api/agents');
  await loadInboxes();
  $('page').hidden = false;
  $('new').hidden = false;
}

start();

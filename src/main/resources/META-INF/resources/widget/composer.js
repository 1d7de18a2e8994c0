// Writing and sending: text, photos and PDFs, typing signals, and sends that are never lost.
import { api, clientId } from '/js/api.js';
import { el } from '/js/dom.js';
import { uploadFile } from '/js/upload.js';
import { T } from './i18n.js';
import { $, state } from './state.js';
import { confirmPending, setPending, showPending } from './transcript.js';

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

/**
 * Sends a message so that it is never lost: it shows at once as "sending", then sent (the stream delivers it) or
 * failed with the reason and a retry that reuses its clientMessageId, so a retry can never post it twice. A network
 * failure retries by itself; a 429 says when a retry will be taken.
 */
export function send(content, retrying) {
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

/** Uploads a file with progress, then sends it as a message of its own. */
export function attach(file) {
  const id = clientId();
  const item = el('li', 'message customer mine pending');
  item.dataset.clientMessageId = id;
  item.append(el('span', 'text', file.name));
  const meta = el('span', 'meta');
  meta.append(el('span', 'status', T.uploading(0)));
  item.append(meta);
  $('messages').append(item);
  state.pending.set(id, item);
  const upload = () => uploadFile(state.conversationId, file,
    (percent) => setPending(id, 'sending', T.uploading(percent))).then((attachment) => {
    state.pending.delete(id);
    item.remove();
    send({ attachments: [attachment] });
  }).catch((failure) => {
    if (!failure.status) {
      setPending(id, 'failed', T.offline, upload);
      return;
    }
    const reason = failure.status === 415 ? T.unsupported : failure.status === 413 ? T.tooLarge : T.uploadFailed;
    setPending(id, 'failed', reason, failure.status >= 500 || failure.status === 429 ? upload : null);
  });
  upload();
}

export function autosize() {
  $('text').style.height = 'auto';
  $('text').style.height = `${Math.min(120, $('text').scrollHeight)}px`;
}

// Building the page safely: every text is set as text, never parsed as HTML.
import { bearerToken } from './api.js';

/** The element with this id. */
export const byId = (id) => document.getElementById(id);

/** Creates an element whose text is set as text, never parsed as HTML. */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = text;
  }
  return node;
}

/** A thumbnail that opens an image full size in a new tab, or a link to a PDF; nothing of it can reach back here. */
export function attachmentView(attachment, hint = '') {
  const link = el('a', 'attachment');
  link.href = attachment.url;
  link.target = '_blank';
  link.rel = 'noopener noreferrer';
  link.title = hint ? `${attachment.name} · ${hint}` : attachment.name;
  let image = null;
  if (attachment.contentType.startsWith('image/')) {
    image = el('img');
    image.src = attachment.url;
    image.alt = attachment.name;
    link.append(image);
  } else {
    link.textContent = `📄 ${attachment.name}`;
  }
  const token = bearerToken();
  if (token) {
    // No cookie goes with the file's request here (a website's iframe): fetch it with the token, show it from memory.
    if (image) {
      image.removeAttribute('src');
    }
    fetch(attachment.url, { headers: { Authorization: `Bearer ${token}` }, credentials: 'omit' })
      .then((response) => (response.ok ? response.blob() : Promise.reject(response.status)))
      .then((blob) => {
        const local = URL.createObjectURL(blob);
        link.href = local;
        if (image) {
          image.src = local;
        }
      }).catch(() => {});
  }
  return link;
}

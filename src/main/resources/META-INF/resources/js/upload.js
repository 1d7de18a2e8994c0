// The one way a page sends a file: to a conversation, with progress, answering the stored attachment.
import { bearerToken } from './api.js';

/**
 * Uploads a file to the conversation (multipart, one part `file`); onProgress gets 0 to 100. Resolves to the
 * attachment ({id, name, contentType, size, url}); rejects with {status, error, message}: status 0 when the network
 * failed, 413 when the file is too large, 415 when its type is not allowed.
 */
export function uploadFile(conversationId, file, onProgress = () => {}) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('file', file, file.name);
    const request = new XMLHttpRequest();
    request.open('POST', `/api/conversations/${conversationId}/attachments`);
    const token = bearerToken();
    if (token) {
      request.setRequestHeader('Authorization', `Bearer ${token}`);
    } else {
      request.withCredentials = true;
    }
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) {
        onProgress(Math.round(100 * event.loaded / event.total));
      }
    };
    request.onload = () => {
      let body = null;
      try {
        body = JSON.parse(request.responseText);
      } catch (notJson) {
        body = null;
      }
      if (request.status === 201) {
        resolve(body.attachment);
      } else {
        reject({ status: request.status, error: body && body.error, message: body && body.message });
      }
    };
    request.onerror = () => reject({ status: 0 });
    request.send(form);
  });
}

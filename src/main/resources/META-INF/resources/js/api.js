// Calls to LiveDesk's JSON API, with the page's credentials.

/** What a page says when the server cannot be reached at all (status 0), instead of the browser's own words. */
export const NO_CONNECTION = 'No connection to the server. Check the network and try again.';

/**
 * Calls the JSON API with the page's cookie; resolves to the parsed body, rejects with {status, error, message,
 * retryAfter}: status 0 when the server could not be reached (the message then says so in plain words), and a body
 * that is not JSON (a proxy's error page) leaves error and message empty.
 */
export async function api(method, path, body) {
  let response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (network) {
    throw { status: 0, error: 'no-connection', message: NO_CONNECTION, retryAfter: null };
  }
  const text = await response.text().catch(() => '');
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    json = null;
  }
  if (!response.ok) {
    throw { status: response.status, error: json && json.error, message: json && json.message,
      retryAfter: Number(response.headers.get('Retry-After')) || null };
  }
  return json;
}

/** A random id for idempotent retries of a message. */
export function clientId() {
  return (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random()).replace(/[^A-Za-z0-9-]/g, '');
}

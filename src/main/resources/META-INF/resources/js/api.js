// Calls to LiveDesk's JSON API, with the page's credentials: its cookie, or in a website's iframe (where browsers
// block third-party cookies) the customer's token as a Bearer header.

let bearer = null;

/** From now on, calls and streams carry this token instead of the cookie (null: the cookie again). */
export function useBearer(token) {
  bearer = token || null;
}

/** The token calls carry, or null when they use the cookie. */
export function bearerToken() {
  return bearer;
}

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
    const headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
    if (bearer) {
      headers.Authorization = `Bearer ${bearer}`;
    }
    response = await fetch(path, {
      method,
      credentials: bearer ? 'omit' : 'same-origin',
      headers,
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

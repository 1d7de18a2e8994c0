// Calls to LiveDesk's JSON API, with the page's credentials.

/** Calls the JSON API with the page's cookie; resolves to the parsed body, rejects with {status, error}. */
export async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
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

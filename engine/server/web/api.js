// The JSON API of http.md. The CSRF token lives only in memory (from login or GET /api/session) and goes with
// every POST as X-CSRF-Token. A 401 on any call but login ends the session on the page: onUnauthorized()
// brings back the login form.

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
    this.code = this.body.code || String(status);
  }
}

const state = { csrf: null, onUnauthorized: () => {} };

export function setCsrf(token) { state.csrf = token || null; }
export function onUnauthorized(fn) { state.onUnauthorized = fn; }

async function request(method, path, body, opts = {}) {
  const headers = { Accept: 'application/json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  if (opts.signal) init.signal = opts.signal;
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, { code: 'network', message: String(e && e.message || e) });
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try { data = JSON.parse(text); } catch (e) { data = { code: 'bad_response', message: text.slice(0, 200) }; }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status === 401 && !opts.login) {
      state.csrf = null;
      state.onUnauthorized(err);
    }
    throw err;
  }
  return data;
}

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

const enc = encodeURIComponent;

export const api = {
  login: (user, password) => request('POST', '/api/login', { user, password }, { login: true }),
  session: () => request('GET', '/api/session', undefined, { login: true }),
  logout: () => request('POST', '/api/logout', {}),
  screen: (household, asOf, signal) =>
    request('POST', `/api/screen${query({ as_of: asOf, reasons: 'all' })}`, household, { signal }),
  households: (params) => request('GET', `/api/households${query(params)}`),
  household: (id) => request('GET', `/api/households/${enc(id)}`),
  history: (id) => request('GET', `/api/households/${enc(id)}/history`),
  visit: (id, visit) => request('POST', `/api/households/${enc(id)}/visits`, visit),
  users: () => request('GET', '/api/users'),
  worklist: (params) => request('GET', `/api/worklists${query(params)}`),
  worklistFile: (stem, ext, params) => `/api/worklists/${enc(stem)}.${ext}${query(params)}`,
};

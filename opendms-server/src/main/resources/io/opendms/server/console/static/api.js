// The console's calls to its server: DMS operations go to /console/api/op/<Operation> and are
// served by the same code as the DMS API; the session cookie is HttpOnly, the CSRF token lives here.
let session = null;
let onSignedOut = () => {};

export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export function current() {
  return session;
}

export function supports(operation) {
  return Boolean(session && session.Operations && session.Operations.includes(operation));
}

async function request(method, route, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (method !== 'GET' && session && session.CsrfToken) headers['X-CSRF-Token'] = session.CsrfToken;
  const response = await fetch('/console/api/' + route, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(data.message || response.statusText);
    error.type = data.__type;
    error.status = response.status;
    if (response.status === 401 && route !== 'session') {
      session = null;
      onSignedOut();
    }
    throw error;
  }
  return data;
}

export async function loadSession() {
  session = await request('GET', 'session');
  return session;
}

export async function signIn(accessKeyId, secretAccessKey) {
  session = await request('POST', 'session', { AccessKeyId: accessKeyId, SecretAccessKey: secretAccessKey });
  return session;
}

export async function signOut() {
  session = await request('DELETE', 'session');
}

/** One DMS operation, e.g. dms('DescribeEndpoints'). */
export function dms(operation, body = {}) {
  return request('POST', 'op/' + operation, body);
}

export function taskMetrics(arn, minutes) {
  return request('GET', `tasks/metrics?arn=${encodeURIComponent(arn)}&minutes=${minutes}`);
}

export function taskLog(arn, { components = [], severity = '', text = '', limit = 500 } = {}) {
  const query = new URLSearchParams({ arn, limit: String(limit) });
  if (components.length) query.set('component', components.join(','));
  if (severity) query.set('severity', severity);
  if (text) query.set('text', text);
  return request('GET', 'tasks/log?' + query);
}

export function validateMappings(text) {
  return request('POST', 'tasks/validate-mappings', { TableMappings: text });
}

/** Every item of a Describe call, following its Marker. */
export async function all(operation, member, body = {}) {
  const items = [];
  let marker;
  do {
    const page = await dms(operation, { ...body, MaxRecords: 100, ...(marker ? { Marker: marker } : {}) });
    items.push(...(page[member] || []));
    marker = page.Marker;
  } while (marker);
  return items;
}

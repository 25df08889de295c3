// UI-1: the console's calls to the services, through the gateway (/console/api/** carries the session cookie; the
// gateway relays the token). Changes send the CSRF token from the XSRF-TOKEN cookie and an Idempotency-Key.
export function csrfToken() {
  const cookie = document.cookie.split('; ').find(c => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
}

function newKey() {
  if (window.crypto?.randomUUID) {
    return window.crypto.randomUUID();
  }
  return Date.now().toString(36) + '-' + Math.random().toString(36).substring(2);
}

async function answer(response) {
  if (response.status === 401) {
    window.location.assign('/console/');
    throw new Error('signed out');
  }
  if (!response.ok) {
    let detail = response.statusText;
    try {
      const problem = await response.json();
      detail = problem.detail ?? detail;
      if (problem.errors) {
        detail += ': ' + JSON.stringify(problem.errors);
      }
    } catch (ignored) {
      // not a problem document
    }
    throw new Error(response.status + ' ' + detail);
  }
  return response.status === 204 ? null : response.json();
}

const RETRIED = [502, 503, 504];

// the calls in flight and the last failures, for the browser tests' diagnostics (window.__console)
const trace = { pending: new Set(), errors: [] };
window.__console = trace;
window.addEventListener('error', event => trace.errors.push(String(event.message)));
window.addEventListener('unhandledrejection', event => trace.errors.push(String(event.reason)));

async function traced(path, call) {
  trace.pending.add(path);
  try {
    return await call();
  } catch (error) {
    trace.errors.push(path + ': ' + error.message);
    throw error;
  } finally {
    trace.pending.delete(path);
  }
}

const ATTEMPT_MS = 8000;

/**
 * GETs a JSON answer. A gateway's "try again shortly" (502/503/504) is tried again twice, a second apart; so is a
 * call left unanswered for 8 s (the gateway gives up on a service after 5 s, so such a call is stuck on the way),
 * which is abandoned first. A screen thus shows its figures or says why not; it never waits for ever.
 */
export async function api(path) {
  return traced(path, async () => {
    for (let attempt = 0; ; attempt++) {
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(), ATTEMPT_MS);
      let response;
      try {
        response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin',
          signal: abort.signal });
      } catch (error) {
        if (!abort.signal.aborted || attempt === 2) {
          throw error.name === 'AbortError' ? new Error('no answer in ' + ATTEMPT_MS / 1000 + ' s') : error;
        }
        trace.errors.push(path + ': no answer in ' + ATTEMPT_MS / 1000 + ' s, asking again');
        continue;
      } finally {
        clearTimeout(timer);
      }
      if (!RETRIED.includes(response.status) || attempt === 2) {
        return answer(response);
      }
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  });
}

/** POST/PUT/PATCH a JSON body; returns the answer's JSON. */
export async function send(method, path, body, headers) {
  return traced(method + ' ' + path, async () => answer(await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json', 'Content-Type': 'application/json', 'X-XSRF-TOKEN': csrfToken(),
      'Idempotency-Key': newKey(), ...(headers ?? {})
    },
    body: JSON.stringify(body)
  })));
}

export function text(id, value) {
  const el = document.getElementById(id);
  if (el) {
    el.textContent = value;
  }
}

/** A table body's rows from a list; cells are strings or nodes. An empty list shows one row saying so. */
export function fillTable(tbodyId, rows, cells, emptyText) {
  const body = document.getElementById(tbodyId);
  const columns = body.closest('table').querySelectorAll('thead th').length;
  if (rows.length === 0) {
    const tr = document.createElement('tr');
    const td = document.createElement('td');
    td.colSpan = columns;
    td.className = 'empty';
    td.textContent = emptyText;
    tr.append(td);
    body.replaceChildren(tr);
    return;
  }
  const numeric = [...body.closest('table').querySelectorAll('thead th')].map(th => th.classList.contains('num'));
  body.replaceChildren(...rows.map(row => {
    const tr = document.createElement('tr');
    if (row.id) {
      tr.dataset.id = row.id;
    }
    cells(row).forEach((cell, index) => {
      const td = document.createElement('td');
      if (numeric[index]) {
        td.className = 'num';
      }
      if (cell instanceof Node) {
        td.append(cell);
      } else {
        td.textContent = cell ?? '—';
      }
      tr.append(td);
    });
    return tr;
  }));
}

export function button(label, onClick, attributes) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  b.addEventListener('click', onClick);
  for (const [key, value] of Object.entries(attributes ?? {})) {
    b.setAttribute(key, value);
  }
  return b;
}

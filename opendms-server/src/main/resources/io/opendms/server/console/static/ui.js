// Small DOM helpers. Text always goes in as text (never as HTML), so names from the server cannot
// inject markup.
export function h(tag, attrs, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on')) element.addEventListener(key.slice(2), value);
    else if (key === 'class') element.className = value;
    else if (key === 'value') {
      element.value = value;
      if ('defaultValue' in element) element.defaultValue = value; // what form.reset() returns to
    }
    else if (key === 'checked') element.checked = Boolean(value);
    else element.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

let toastTimer;
export function toast(text, isError = false) {
  const box = document.getElementById('toast');
  box.textContent = text;
  box.className = 'toast' + (isError ? ' error' : '');
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, isError ? 9000 : 3500);
}

/** Runs an action from a button: disables it meanwhile and reports a failure as a toast. */
export async function act(button, action, done) {
  if (button) button.disabled = true;
  try {
    const result = await action();
    if (done) toast(done);
    return result;
  } catch (error) {
    toast(error.message, true);
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

export function badge(status) {
  return h('span', { class: 'badge ' + String(status || '').toLowerCase() }, status || '—');
}

export function date(seconds) {
  if (seconds === undefined || seconds === null) return '';
  return new Date(Number(seconds) * 1000).toLocaleString();
}

export function number(value) {
  return value === undefined || value === null ? '' : Number(value).toLocaleString();
}

export function select(name, options, value) {
  return h('select', { name },
    options.map(o => (typeof o === 'string' ? { value: o, label: o } : o))
      .map(o => h('option', { value: o.value, selected: o.value === value ? true : null }, o.label)));
}

export function field(label, control) {
  return h('label', null, label, control);
}

export function formValues(form) {
  return Object.fromEntries(new FormData(form).entries());
}

/**
 * A table whose columns sort on a click on their heading and whose rows a text box filters.
 * columns: [{ key, label, value(row) -> text/number, render(row) -> node, numeric }].
 * Returns { element, update(rows) } so that live data can replace the rows, keeping sort and filter.
 */
export function dataTable(columns, { filterPlaceholder = 'Filter', id } = {}) {
  let rows = [];
  let sortKey = null;
  let descending = false;
  const filter = h('input', { type: 'search', placeholder: filterPlaceholder, class: 'filter' });
  const head = h('tr');
  const body = h('tbody');
  const table = h('table', { id }, h('thead', null, head), body);
  for (const column of columns) {
    const th = h('th', { class: column.value ? 'sortable' : null, 'data-key': column.key }, column.label);
    if (column.value) {
      th.addEventListener('click', () => {
        descending = sortKey === column.key ? !descending : false;
        sortKey = column.key;
        head.querySelectorAll('th').forEach(t => t.classList.remove('sorted-asc', 'sorted-desc'));
        th.classList.add(descending ? 'sorted-desc' : 'sorted-asc');
        draw();
      });
    }
    head.append(th);
  }
  filter.addEventListener('input', draw);
  function draw() {
    const needle = filter.value.trim().toLowerCase();
    let shown = rows.filter(row => !needle || columns.some(c => c.value && String(c.value(row) ?? '').toLowerCase().includes(needle)));
    if (sortKey) {
      const column = columns.find(c => c.key === sortKey);
      shown = [...shown].sort((a, b) => {
        const x = column.value(a); const y = column.value(b);
        const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x ?? '').localeCompare(String(y ?? ''));
        return descending ? -order : order;
      });
    }
    body.replaceChildren(...shown.map(row => h('tr', null, columns.map(c =>
      h('td', { class: c.numeric ? 'num' : c.className || null }, c.render ? c.render(row) : c.value(row)))))); 
    if (!shown.length) body.append(h('tr', null, h('td', { colspan: columns.length, class: 'muted' }, rows.length ? 'No row matches the filter' : 'Nothing yet')));
  }
  draw();
  return {
    element: h('div', null, h('div', { class: 'row' }, filter), table),
    update(newRows) { rows = newRows; draw(); },
  };
}

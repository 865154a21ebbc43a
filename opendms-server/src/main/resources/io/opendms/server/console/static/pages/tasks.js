import * as api from '../api.js';
import { h, act, badge, dataTable, field, select, toast } from '../ui.js';
import { poll } from './poll.js';

export function tasksPage(app) {
  const table = dataTable([
    { key: 'id', label: 'Identifier', value: r => r.ReplicationTaskIdentifier,
      render: r => h('a', { href: '#/tasks/' + encodeURIComponent(r.ReplicationTaskArn) }, r.ReplicationTaskIdentifier) },
    { key: 'status', label: 'Status', value: r => r.Status, render: r => badge(r.Status) },
    { key: 'type', label: 'Migration type', value: r => r.MigrationType },
    { key: 'progress', label: 'Full load %', numeric: true, value: r => (r.ReplicationTaskStats || {}).FullLoadProgressPercent ?? 0 },
    { key: 'loaded', label: 'Tables loaded', numeric: true, value: r => (r.ReplicationTaskStats || {}).TablesLoaded ?? 0 },
    { key: 'errored', label: 'Tables errored', numeric: true, value: r => (r.ReplicationTaskStats || {}).TablesErrored ?? 0 },
    { key: 'reason', label: 'Stop reason / failure', value: r => r.LastFailureMessage || r.StopReason || '' },
  ], { id: 'tasks' });
  async function refresh() {
    table.update(await api.all('DescribeReplicationTasks', 'ReplicationTasks', { WithoutSettings: true }));
  }
  app.replaceChildren(
    h('div', { class: 'row' }, h('h1', null, 'Replication tasks'), h('a', { href: '#/tasks/new' }, h('button', { class: 'primary', id: 'new-task' }, 'Create task'))),
    h('div', { class: 'card' }, table.element));
  return poll(refresh, 3000);
}

const EXAMPLE = { rules: [{ 'rule-type': 'selection', 'rule-id': '1', 'rule-name': 'include-public',
  'object-locator': { 'schema-name': 'public', 'table-name': '%' }, 'rule-action': 'include' }] };

/** The table-mapping editor: JSON checked by the server as you type, and a form for selection rules. */
function mappingEditor() {
  const text = h('textarea', { name: 'TableMappings', id: 'table-mappings', spellcheck: 'false' });
  text.value = JSON.stringify(EXAMPLE, null, 2);
  const verdict = h('div', { id: 'mappings-verdict', class: 'message' });
  let timer;
  let checked = 0;
  async function check() {
    const mine = ++checked;
    try {
      JSON.parse(text.value);
    } catch (error) {
      show(false, 'Not JSON: ' + error.message);
      return;
    }
    try {
      const reply = await api.validateMappings(text.value);
      if (mine === checked) show(reply.Valid, reply.Valid ? 'Valid table mappings' : reply.Message);
    } catch (error) {
      if (mine === checked) show(false, error.message);
    }
  }
  function show(valid, message) {
    verdict.className = 'message ' + (valid ? 'ok' : 'error');
    verdict.textContent = message;
    text.classList.toggle('invalid', !valid);
  }
  text.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(check, 300); });

  const schema = h('input', { id: 'rule-schema', value: 'public' });
  const tableName = h('input', { id: 'rule-table', value: '%' });
  const action = select('rule-action', ['include', 'exclude'], 'include');
  const add = h('button', { type: 'button', id: 'add-rule' }, 'Add selection rule');
  add.addEventListener('click', () => {
    let document;
    try {
      document = JSON.parse(text.value);
    } catch (error) {
      toast('Fix the JSON first: ' + error.message, true);
      return;
    }
    document.rules = Array.isArray(document.rules) ? document.rules : [];
    const ids = document.rules.map(r => Number(r['rule-id'])).filter(Number.isFinite);
    const id = String((ids.length ? Math.max(...ids) : 0) + 1);
    document.rules.push({ 'rule-type': 'selection', 'rule-id': id, 'rule-name': `${action.value}-${schema.value}-${tableName.value}`,
      'object-locator': { 'schema-name': schema.value, 'table-name': tableName.value }, 'rule-action': action.value });
    text.value = JSON.stringify(document, null, 2);
    check();
  });
  const replace = h('button', { type: 'button', id: 'replace-rules' }, 'Replace all rules with this one');
  replace.addEventListener('click', () => {
    text.value = JSON.stringify({ rules: [] }, null, 2);
    add.click();
  });
  check();
  return {
    element: h('div', null,
      h('div', { class: 'row' }, field('Schema (% wildcard)', schema), field('Table (% wildcard)', tableName), field('Action', action), add, replace),
      text, verdict),
    value: () => text.value,
  };
}

export function newTaskPage(app) {
  const mappings = mappingEditor();
  const settings = h('textarea', { name: 'ReplicationTaskSettings', id: 'task-settings', spellcheck: 'false', placeholder: '{"FullLoadSettings": {"TargetTablePrepMode": "DROP_AND_CREATE"}} (optional; DMS defaults otherwise)' });
  const form = h('form', { id: 'task-form' },
    h('div', { class: 'grid' },
      field('Identifier', h('input', { name: 'ReplicationTaskIdentifier', required: true })),
      field('Replication instance', h('select', { name: 'ReplicationInstanceArn', required: true })),
      field('Source endpoint', h('select', { name: 'SourceEndpointArn', required: true })),
      field('Target endpoint', h('select', { name: 'TargetEndpointArn', required: true })),
      field('Migration type', select('MigrationType', [
        { value: 'full-load', label: 'Full load' }, { value: 'full-load-and-cdc', label: 'Full load and CDC' }, { value: 'cdc', label: 'CDC only' }], 'full-load-and-cdc'))),
    h('h2', null, 'Table mappings'), mappings.element,
    h('h2', null, 'Task settings'), settings,
    h('div', { class: 'row' }, h('button', { class: 'primary', type: 'submit', id: 'create-task' }, 'Create task'),
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'startNow', checked: true }), 'Start it now')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const f = form.elements;
    const body = {
      ReplicationTaskIdentifier: f.ReplicationTaskIdentifier.value.trim(), ReplicationInstanceArn: f.ReplicationInstanceArn.value,
      SourceEndpointArn: f.SourceEndpointArn.value, TargetEndpointArn: f.TargetEndpointArn.value,
      MigrationType: f.MigrationType.value, TableMappings: mappings.value(),
    };
    if (settings.value.trim()) body.ReplicationTaskSettings = settings.value;
    act(document.getElementById('create-task'), async () => {
      const created = (await api.dms('CreateReplicationTask', body)).ReplicationTask;
      if (f.startNow.checked) {
        await api.dms('StartReplicationTask', { ReplicationTaskArn: created.ReplicationTaskArn, StartReplicationTaskType: 'start-replication' });
      }
      location.hash = '#/tasks/' + encodeURIComponent(created.ReplicationTaskArn);
    }, 'Task created');
  });
  (async () => {
    const [instances, endpoints] = await Promise.all([
      api.all('DescribeReplicationInstances', 'ReplicationInstances'), api.all('DescribeEndpoints', 'Endpoints')]);
    const f = form.elements;
    f.ReplicationInstanceArn.replaceChildren(...instances.map(i => h('option', { value: i.ReplicationInstanceArn }, i.ReplicationInstanceIdentifier)));
    const options = type => endpoints.filter(e => String(e.EndpointType).toLowerCase() === type)
      .map(e => h('option', { value: e.EndpointArn }, `${e.EndpointIdentifier} (${e.EngineName} ${e.DatabaseName || ''})`));
    f.SourceEndpointArn.replaceChildren(...options('source'));
    f.TargetEndpointArn.replaceChildren(...options('target'));
  })().catch(error => toast(error.message, true));
  app.replaceChildren(h('h1', null, 'Create a replication task'), h('div', { class: 'card' }, form));
  return () => {};
}

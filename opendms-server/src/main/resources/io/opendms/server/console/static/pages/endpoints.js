import * as api from '../api.js';
import { h, act, badge, dataTable, field, select, formValues, toast } from '../ui.js';
import { poll } from './poll.js';

const ENGINES = ['postgres', 'aurora-postgresql', 'mysql', 'mariadb', 'aurora'];
const PORTS = { postgres: 5432, 'aurora-postgresql': 5432, mysql: 3306, mariadb: 3306, aurora: 3306 };
const SSL = ['none', 'require', 'verify-ca', 'verify-full'];

export function endpointsPage(app) {
  let connections = new Map();
  let editing = null;
  const instance = h('select', { id: 'test-instance' });
  const table = dataTable([
    { key: 'id', label: 'Identifier', value: r => r.EndpointIdentifier },
    { key: 'type', label: 'Type', value: r => r.EndpointType },
    { key: 'engine', label: 'Engine', value: r => r.EngineName },
    { key: 'server', label: 'Server', value: r => `${r.ServerName || ''}:${r.Port || ''}` },
    { key: 'db', label: 'Database', value: r => r.DatabaseName },
    { key: 'status', label: 'Status', value: r => r.Status, render: r => badge(r.Status) },
    { key: 'connection', label: 'Connection', value: r => connectionOf(r).Status || '',
      render: r => h('span', { 'data-connection': r.EndpointIdentifier }, badge(connectionOf(r).Status || 'not tested'),
        connectionOf(r).LastFailureMessage ? h('div', { class: 'muted' }, connectionOf(r).LastFailureMessage) : '') },
    { key: 'actions', label: '', render: r => h('div', { class: 'actions' },
      h('button', { 'data-test': r.EndpointIdentifier, onclick: e => test(e.target, r) }, 'Test connection'),
      h('button', { onclick: () => edit(r) }, 'Edit'),
      h('button', { class: 'danger', onclick: e => remove(e.target, r) }, 'Delete')) },
  ], { id: 'endpoints' });

  const form = h('form', { class: 'grid', id: 'endpoint-form' },
    field('Identifier', h('input', { name: 'EndpointIdentifier', required: true })),
    field('Type', select('EndpointType', ['source', 'target'], 'source')),
    field('Engine', select('EngineName', ENGINES, 'postgres')),
    field('Server', h('input', { name: 'ServerName', value: '127.0.0.1', required: true })),
    field('Port', h('input', { name: 'Port', type: 'number', value: 5432, required: true })),
    field('Database', h('input', { name: 'DatabaseName' })),
    field('User', h('input', { name: 'Username' })),
    field('Password', h('input', { name: 'Password', type: 'password', autocomplete: 'new-password', placeholder: 'unchanged when editing and empty' })),
    field('SSL mode', select('SslMode', SSL, 'none')),
    h('label', null, '\u00a0', h('div', { class: 'actions' },
      h('button', { class: 'primary', type: 'submit', id: 'endpoint-submit' }, 'Create endpoint'),
      h('button', { type: 'button', id: 'endpoint-cancel', hidden: true, onclick: () => edit(null) }, 'Cancel'))));
  form.elements.EngineName.addEventListener('change', () => { form.elements.Port.value = PORTS[form.elements.EngineName.value]; });
  const formTitle = h('h2', null, 'Create an endpoint');
  form.addEventListener('submit', event => {
    event.preventDefault();
    const values = formValues(form);
    const body = { ...values, Port: Number(values.Port) };
    for (const key of ['DatabaseName', 'Username', 'Password']) if (!body[key]) delete body[key];
    act(document.getElementById('endpoint-submit'), async () => {
      if (editing) {
        delete body.EndpointType;
        await api.dms('ModifyEndpoint', { ...body, EndpointArn: editing.EndpointArn });
        edit(null);
      } else {
        await api.dms('CreateEndpoint', body);
        form.reset();
      }
      await refresh();
    }, editing ? 'Endpoint changed' : 'Endpoint created');
  });

  function edit(endpoint) {
    editing = endpoint;
    form.reset();
    formTitle.textContent = endpoint ? `Edit endpoint ${endpoint.EndpointIdentifier}` : 'Create an endpoint';
    document.getElementById('endpoint-submit').textContent = endpoint ? 'Save changes' : 'Create endpoint';
    document.getElementById('endpoint-cancel').hidden = !endpoint;
    form.elements.EndpointType.disabled = Boolean(endpoint);
    if (endpoint) {
      for (const key of ['EndpointIdentifier', 'EngineName', 'ServerName', 'Port', 'DatabaseName', 'Username', 'SslMode']) {
        if (endpoint[key] !== undefined) form.elements[key].value = endpoint[key];
      }
      form.elements.EndpointType.value = String(endpoint.EndpointType).toLowerCase();
      form.scrollIntoView({ behavior: 'smooth' });
    }
  }

  function connectionOf(endpoint) {
    return connections.get(endpoint.EndpointArn + ' ' + instance.value) || connections.get(endpoint.EndpointArn) || {};
  }

  async function test(button, endpoint) {
    if (!instance.value) {
      toast('Create a replication instance first: connections are tested from one', true);
      return;
    }
    await act(button, () => api.dms('TestConnection', { ReplicationInstanceArn: instance.value, EndpointArn: endpoint.EndpointArn }));
    await refresh();
  }

  async function remove(button, endpoint) {
    if (!confirm(`Delete endpoint ${endpoint.EndpointIdentifier}?`)) return;
    await act(button, () => api.dms('DeleteEndpoint', { EndpointArn: endpoint.EndpointArn }), 'Endpoint deleted');
    await refresh();
  }

  async function refresh() {
    const [endpoints, instances, tested] = await Promise.all([
      api.all('DescribeEndpoints', 'Endpoints'),
      api.all('DescribeReplicationInstances', 'ReplicationInstances'),
      api.all('DescribeConnections', 'Connections')]);
    const chosen = instance.value;
    instance.replaceChildren(...instances.map(i => h('option', { value: i.ReplicationInstanceArn }, i.ReplicationInstanceIdentifier)));
    if (chosen) instance.value = chosen;
    connections = new Map();
    for (const c of tested) {
      connections.set(c.EndpointArn + ' ' + c.ReplicationInstanceArn, c);
      connections.set(c.EndpointArn, c);
    }
    table.update(endpoints);
  }

  app.replaceChildren(
    h('h1', null, 'Endpoints'),
    h('div', { class: 'card' }, h('div', { class: 'row' }, field('Test connections from instance', instance)), table.element),
    h('div', { class: 'card' }, formTitle, form));
  return poll(refresh, 3000);
}

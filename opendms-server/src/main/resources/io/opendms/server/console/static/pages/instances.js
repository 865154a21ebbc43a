import * as api from '../api.js';
import { h, act, badge, date, dataTable, field, select, formValues } from '../ui.js';
import { poll } from './poll.js';

const CLASSES = ['dms.t3.micro', 'dms.t3.small', 'dms.t3.medium', 'dms.t3.large', 'dms.c5.large', 'dms.r5.large'];

export function instancesPage(app) {
  const table = dataTable([
    { key: 'id', label: 'Identifier', value: r => r.ReplicationInstanceIdentifier },
    { key: 'class', label: 'Class', value: r => r.ReplicationInstanceClass },
    { key: 'status', label: 'Status', value: r => r.ReplicationInstanceStatus, render: r => badge(r.ReplicationInstanceStatus) },
    { key: 'created', label: 'Created', value: r => r.InstanceCreateTime, render: r => date(r.InstanceCreateTime) },
    { key: 'arn', label: 'ARN', value: r => r.ReplicationInstanceArn, className: 'arn' },
    { key: 'actions', label: '', render: r => h('button', { class: 'danger', onclick: e => remove(e.target, r) }, 'Delete') },
  ], { id: 'instances' });
  const form = h('form', { class: 'grid', id: 'create-instance' },
    field('Identifier', h('input', { name: 'ReplicationInstanceIdentifier', required: true, pattern: '[A-Za-z][A-Za-z0-9-]*' })),
    field('Class', select('ReplicationInstanceClass', CLASSES, 'dms.t3.medium')),
    field('Allocated storage (GB)', h('input', { name: 'AllocatedStorage', type: 'number', min: 5, value: 50 })),
    h('label', null, '\u00a0', h('button', { class: 'primary', type: 'submit' }, 'Create instance')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    const values = formValues(form);
    act(form.querySelector('button'), async () => {
      await api.dms('CreateReplicationInstance', { ...values, AllocatedStorage: Number(values.AllocatedStorage) });
      form.reset();
      await refresh();
    }, 'Instance created');
  });
  async function refresh() {
    table.update(await api.all('DescribeReplicationInstances', 'ReplicationInstances'));
  }
  async function remove(button, instance) {
    if (!confirm(`Delete replication instance ${instance.ReplicationInstanceIdentifier}?`)) return;
    await act(button, () => api.dms('DeleteReplicationInstance', { ReplicationInstanceArn: instance.ReplicationInstanceArn }), 'Instance deleted');
    await refresh();
  }
  app.replaceChildren(
    h('h1', null, 'Replication instances'),
    h('p', { class: 'muted' }, 'Every replication instance runs its tasks in this server process.'),
    h('div', { class: 'card' }, table.element),
    h('div', { class: 'card' }, h('h2', null, 'Create a replication instance'), form));
  return poll(refresh, 5000);
}

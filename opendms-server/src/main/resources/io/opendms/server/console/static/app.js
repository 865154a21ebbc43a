// The console: a sign-in page, then pages chosen by the URL's hash. Each page returns a function
// that stops its polling when another page takes over.
import * as api from './api.js';
import { h, toast, act } from './ui.js';
import { instancesPage } from './pages/instances.js';
import { endpointsPage } from './pages/endpoints.js';
import { tasksPage, newTaskPage } from './pages/tasks.js';
import { taskPage } from './pages/task.js';

const app = document.getElementById('app');
let stopPage = () => {};

function signInPage() {
  document.getElementById('nav').hidden = true;
  document.getElementById('who').replaceChildren();
  const form = h('form', { id: 'signin' },
    h('label', null, 'Access key ID', h('input', { name: 'id', autocomplete: 'username', required: true })),
    h('label', null, 'Secret access key', h('input', { name: 'secret', type: 'password', autocomplete: 'current-password', required: true })),
    h('button', { class: 'primary', type: 'submit' }, 'Sign in'));
  const message = h('div');
  form.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await api.signIn(form.elements.id.value.trim(), form.elements.secret.value);
      route();
    } catch (error) {
      message.replaceChildren(h('div', { class: 'message error' }, error.message));
    }
  });
  app.replaceChildren(h('div', { class: 'signin card' },
    h('h1', null, 'Sign in to OpenDMS'),
    h('p', { class: 'muted' }, 'Use an access key of this server (the one the AWS CLI signs with).'),
    form, message));
  return () => {};
}

function header() {
  const session = api.current();
  document.getElementById('nav').hidden = false;
  const who = document.getElementById('who');
  const out = h('button', { id: 'signout' }, 'Sign out');
  out.addEventListener('click', () => act(out, async () => { await api.signOut(); location.hash = '#/'; route(); }));
  who.replaceChildren(h('span', null, session.AccessKeyId), session.AuthRequired ? out : '');
  document.querySelectorAll('#nav a').forEach(a =>
    a.classList.toggle('active', location.hash.startsWith(a.getAttribute('href'))));
}

async function route() {
  stopPage();
  stopPage = () => {};
  let session = api.current();
  if (!session) {
    try {
      session = await api.loadSession();
    } catch (error) {
      app.replaceChildren(h('div', { class: 'message error' }, 'The server did not answer: ' + error.message));
      return;
    }
  }
  if (!session.SignedIn) {
    stopPage = signInPage();
    return;
  }
  const hash = location.hash || '#/tasks';
  if (hash === '#/' || hash === '#') {
    location.hash = '#/tasks';
    return;
  }
  header();
  const [, page, ...rest] = hash.slice(1).split('/');
  const argument = decodeURIComponent(rest.join('/'));
  const pages = { instances: instancesPage, endpoints: endpointsPage, tasks: argument === 'new' ? newTaskPage : argument ? taskPage : tasksPage };
  const render = pages[page];
  if (!render) {
    app.replaceChildren(h('p', null, 'No such page. ', h('a', { href: '#/tasks' }, 'Tasks')));
    return;
  }
  stopPage = render(app, argument) || (() => {});
}

api.whenSignedOut(() => { toast('Signed out: sign in again', true); route(); });
window.addEventListener('hashchange', route);
route();

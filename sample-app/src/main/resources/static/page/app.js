// The sample's browser page: plain JavaScript against the sample's HTTP API (HTTP Basic) and its
// notification WebSocket (opened with a ticket from POST /ws/tickets, since browsers cannot send
// credentials with a WebSocket handshake). Everything the server sends is shown with textContent.
'use strict';

const MENU = ['margherita', 'marinara', 'quattro formaggi', 'tiramisu', 'lemonade'];

const state = { user: null, authorization: null, socket: null, reconnect: null };

const $ = (id) => document.getElementById(id);

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

// A request to the API with the logged-in customer's credentials. X-Requested-With keeps the
// server from sending the HTTP Basic challenge, which would open the browser's own login dialog.
async function api(method, path, body) {
  const headers = { 'Accept': 'application/json', 'X-Requested-With': 'XMLHttpRequest' };
  if (state.authorization) headers['Authorization'] = state.authorization;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (networkError) {
    return { ok: false, status: 0, problem: { title: 'The server cannot be reached', detail: String(networkError.message || networkError) } };
  }
  const type = response.headers.get('Content-Type') || '';
  let data = null;
  if (type.includes('json')) {
    try { data = await response.json(); } catch (ignored) { data = null; }
  }
  return { ok: response.ok, status: response.status, data, problem: response.ok ? null : (data || {}),
           location: response.headers.get('Location'), retryAfter: response.headers.get('Retry-After') };
}

// What a person should read for a failed request.
function explain(result) {
  const problem = result.problem || {};
  switch (result.status) {
    case 0: return { title: problem.title, detail: problem.detail };
    case 401: return { title: 'Wrong name or password', detail: 'Check the customer and the password, then log in again.' };
    case 400: return {
      title: problem.title || 'The order is not valid',
      detail: problem.detail,
      fields: Array.isArray(problem.errors) ? problem.errors.map((e) => (e.field ? e.field + ': ' : '') + e.message) : []
    };
    case 502: return { title: problem.title || 'The kitchen did not accept the order', detail: problem.detail };
    case 503: return {
      title: 'The service is busy',
      detail: (problem.detail ? problem.detail + ' ' : '') + 'Try again' + (result.retryAfter ? ' in ' + result.retryAfter + ' s.' : ' shortly.')
    };
    default: return { title: problem.title || ('Request failed (' + result.status + ')'), detail: problem.detail };
  }
}

function show(box, kind, title, detail, fields) {
  box.replaceChildren();
  box.className = 'message ' + kind;
  box.append(element('strong', title));
  if (detail) box.append(element('div', detail));
  if (fields && fields.length) {
    const list = element('ul');
    fields.forEach((field) => list.append(element('li', field)));
    box.append(list);
  }
  box.hidden = false;
}

async function loadCustomers() {
  const result = await api('GET', '/customers');
  if (!result.ok || !Array.isArray(result.data)) return;
  const select = $('customer');
  select.replaceChildren();
  result.data.forEach((customer) => {
    const name = typeof customer === 'string' ? customer : customer.name;
    const label = customer.fullName ? customer.fullName + ' (' + name + ')' : name;
    select.append(Object.assign(element('option', label), { value: name }));
  });
  updatePasswordHint();
}

function updatePasswordHint() {
  $('password').placeholder = $('customer').value + '-password';
}

async function logIn(event) {
  event.preventDefault();
  const user = $('customer').value;
  const password = $('password').value;
  state.authorization = 'Basic ' + btoa(unescape(encodeURIComponent(user + ':' + password)));
  $('login-button').disabled = true;
  const result = await api('GET', '/orders');
  $('login-button').disabled = false;
  if (!result.ok) {
    state.authorization = null;
    const why = explain(result);
    show($('login-message'), 'error', why.title, why.detail);
    return;
  }
  state.user = user;
  $('login-message').hidden = true;
  $('who').textContent = user;
  $('session').hidden = false;
  $('login-section').hidden = true;
  ['order-section', 'notifications-section', 'orders-section'].forEach((id) => { $(id).hidden = false; });
  renderOrders(result.data);
  connect();
}

function logOut() {
  state.user = null;
  state.authorization = null;
  clearTimeout(state.reconnect);
  if (state.socket) state.socket.close();
  state.socket = null;
  $('session').hidden = true;
  $('login-section').hidden = false;
  $('password').value = '';
  ['order-section', 'notifications-section', 'orders-section'].forEach((id) => { $(id).hidden = true; });
  $('notifications').replaceChildren();
  $('answer').hidden = true;
}

async function placeOrder(event) {
  event.preventDefault();
  const items = Array.from(document.querySelectorAll('#menu input:checked')).map((box) => box.value);
  const extra = $('extra').value.trim();
  if (extra) items.push(extra);
  $('place').disabled = true;
  show($('answer'), '', 'Placing the order…');
  const result = await api('POST', '/orders', { items });
  $('place').disabled = false;
  if (result.ok) {
    const id = result.location ? result.location.split('/').pop() : '?';
    const minutes = result.data && result.data.mins;
    const courier = result.data && result.data.courierMinutes;
    const detail = (minutes !== undefined ? 'Delivery in ' + minutes + ' minutes.' : '')
      + (courier !== undefined ? ' A courier picks it up in ' + courier + ' minutes.' : '');
    show($('answer'), 'ok', 'Order #' + id + ' accepted', detail.trim() || null);
  } else {
    const why = explain(result);
    show($('answer'), 'error', why.title, why.detail, why.fields);
    if (result.status === 401) { logOut(); show($('login-message'), 'error', why.title, why.detail); }
  }
  refreshOrders();
}

async function refreshOrders() {
  if (!state.user) return;
  const result = await api('GET', '/orders');
  if (result.ok) renderOrders(result.data);
}

function renderOrders(page) {
  const body = $('orders');
  body.replaceChildren();
  const orders = (page && page.orders) || [];
  if (!orders.length) {
    const row = element('tr');
    const cell = element('td', 'No orders yet.');
    cell.colSpan = 5;
    row.append(cell);
    body.append(row);
  }
  orders.forEach((order) => {
    const row = element('tr');
    row.dataset.orderId = order.id;
    row.append(element('td', order.id));
    row.append(element('td', (order.items || []).join(', ')));
    row.append(element('td', order.status, 'status-' + order.status));
    row.append(element('td', order.deliveryMinutes != null ? order.deliveryMinutes + ' min' : (order.failure || '')));
    row.append(element('td', order.createdAt ? new Date(order.createdAt).toLocaleTimeString() : ''));
    body.append(row);
  });
}

async function connect() {
  if (!state.user) return;
  const badge = $('socket-state');
  badge.textContent = 'connecting';
  badge.className = 'badge';
  const ticket = await api('POST', '/ws/tickets');
  if (!ticket.ok) { scheduleReconnect(); return; }
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(scheme + '//' + location.host + '/ws/notifications?ticket=' + encodeURIComponent(ticket.data.ticket));
  state.socket = socket;
  socket.onopen = () => { badge.textContent = 'live'; badge.className = 'badge live'; };
  socket.onmessage = (message) => {
    const item = element('li');
    item.append(element('time', new Date().toLocaleTimeString()));
    item.append(document.createTextNode(message.data));
    $('notifications').prepend(item);
    if (String(message.data).startsWith('Order #')) refreshOrders();
  };
  socket.onclose = () => {
    if (state.socket !== socket) return;
    badge.textContent = 'offline';
    badge.className = 'badge';
    scheduleReconnect();
  };
}

function scheduleReconnect() {
  clearTimeout(state.reconnect);
  if (state.user) state.reconnect = setTimeout(connect, 3000);
}

document.addEventListener('DOMContentLoaded', () => {
  const menu = $('menu');
  MENU.forEach((dish, index) => {
    const label = element('label');
    const box = Object.assign(element('input'), { type: 'checkbox', value: dish, name: 'items', checked: index === 0 });
    label.append(box, document.createTextNode(dish));
    menu.append(label);
  });
  $('customer').addEventListener('change', updatePasswordHint);
  $('login').addEventListener('submit', logIn);
  $('logout').addEventListener('click', logOut);
  $('order').addEventListener('submit', placeOrder);
  $('refresh').addEventListener('click', refreshOrders);
  loadCustomers();
});

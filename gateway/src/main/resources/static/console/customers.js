// UI-5: customers. Search (CUS-4), the customer file as the seed's "Basic Information Table of Customer Files"
// (CUS-1, editable: PUT /api/customers/{id}; printable), consent per channel (CUS-5: PUT .../contact-preferences) and
// the customer 360 (CUS-7: GET .../360). A vehicle of the file is corrected from its row (model, plate, purchase date:
// PUT .../vehicles/{vin}). The services decide what the caller may see: another branch's file is 404.
import { api, button, fillTable, send, text } from './api.js';
import { t } from './i18n.js';
import { deadlineDate, yuan } from './format.js';

const CHANNELS = ['SMS', 'EMAIL', 'LETTER', 'PHONE'];
const state = { me: null, loaded: () => {}, wired: false, file: null };

function searchQuery(form) {
  const params = new URLSearchParams({ size: '50' });
  for (const name of ['name', 'mobile', 'plate', 'vin', 'class']) {
    const value = form.elements[name].value.trim();
    if (value) {
      params.set(name, value);
    }
  }
  return params.toString();
}

async function search() {
  const form = document.getElementById('customer-search');
  const page = await api('/console/api/customers?' + searchQuery(form));
  text('customer-results-count', page.totalElements ?? page.content.length);
  fillTable('customer-results', page.content, c => [
    button(c.name, () => openFile(c.id), { 'data-customer': c.id, class: 'link' }),
    c.mobile, t('class.' + c.customerClass), c.firstVisitDate, c.complete ? t('complete') : t('incomplete'), c.branchId
  ], t('none'));
}

function renderFile(c) {
  state.file = c;
  const form = document.getElementById('customer-form');
  form.hidden = false;
  document.getElementById('customer-panel').hidden = false;
  for (const name of ['name', 'mobile', 'email', 'address', 'notes']) {
    form.elements[name].value = c[name] ?? '';
  }
  form.elements.type.value = c.type ?? 'INDIVIDUAL';
  form.elements.preferredLanguage.value = c.preferredLanguage ?? 'zh-CN';
  form.elements.wantedServices.value = (c.wantedServices ?? []).join('、');
  text('cf-id', c.id);
  text('cf-branch', c.branchId);
  text('cf-first-visit', c.firstVisitDate ?? '—');
  text('cf-class', t('class.' + c.customerClass));
  text('cf-complete', c.complete ? t('complete') : t('incomplete') + ': ' + (c.missing ?? []).join(', '));
  text('cf-deadline', deadlineDate(c.fileDeadline) + (c.overdue ? ' · ' + t('overdue') : ''));
  renderConsultant(c).catch(error => text('consultant-saved', t('failed') + ': ' + error.message));
  fillTable('cf-vehicles', (c.vehicles ?? []).map(v => ({ ...v, id: v.vin })), v => [v.plate, v.vin, v.model,
    v.category, v.purchaseDate,
    button(t('editVehicle'), () => editVehicle(v), { 'data-vin': v.vin, 'aria-label': t('vehicleEdit') + ': ' + v.vin })],
  t('none'));
  document.getElementById('vehicle-form').hidden = true;
  fillTable('cf-visits', c.visits ?? [], v => [v.date, v.kind, v.note], t('none'));
  for (const channel of CHANNELS) {
    document.getElementById('consent-' + channel).checked = Boolean(c.consents?.[channel]);
  }
  text('customer-saved', '');
  text('consent-saved', '');
}

/** A salesperson's name where the branch's staff list is known, else their id. */
function staffName(id) {
  const person = (state.staff ?? []).find(p => p.id === id);
  return person ? person.name + ' (' + id + ')' : id;
}

/**
 * UI-3: who looks after the customer; the branch manager (and HQ) may name another active salesperson of the file's
 * branch (PUT /api/customers/{id}/consultant). When a salesperson leaves, customer-service hands their files over.
 */
async function renderConsultant(c) {
  text('cf-consultant', c.consultantId ? staffName(c.consultantId) : t('noConsultant'));
  text('consultant-saved', '');
  const form = document.getElementById('consultant-form');
  const roles = state.me.roles ?? [];
  form.hidden = !(roles.includes('HQ') || roles.includes('BRANCH_MANAGER'));
  if (form.hidden) {
    return;
  }
  state.staff = await api('/console/api/sales/salespeople?branchId=' + encodeURIComponent(c.branchId));
  text('cf-consultant', c.consultantId ? staffName(c.consultantId) : t('noConsultant'));
  const select = document.getElementById('consultant-select');
  select.replaceChildren(...state.staff.filter(p => p.active).map(p => {
    const option = document.createElement('option');
    option.value = p.id;
    option.textContent = p.name + ' (' + p.id + ')';
    return option;
  }));
  if (c.consultantId && [...select.options].some(o => o.value === c.consultantId)) {
    select.value = c.consultantId;
  }
}

async function saveConsultant(event) {
  event.preventDefault();
  try {
    const saved = await send('PUT', '/console/api/customers/' + encodeURIComponent(state.file.id) + '/consultant',
      { salespersonId: document.getElementById('consultant-select').value });
    state.file = saved;
    text('cf-consultant', staffName(saved.consultantId));
    text('consultant-saved', t('saved'));
  } catch (error) {
    text('consultant-saved', t('failed') + ': ' + error.message);
  }
}

/** The vehicle edit form, filled with the vehicle of the row; the focus goes to its first field. */
function editVehicle(vehicle) {
  const form = document.getElementById('vehicle-form');
  form.dataset.vin = vehicle.vin;
  text('vehicle-vin', vehicle.vin);
  form.elements.model.value = vehicle.model ?? '';
  form.elements.plate.value = vehicle.plate ?? '';
  form.elements.purchaseDate.value = vehicle.purchaseDate ?? '';
  text('vehicle-saved', '');
  form.hidden = false;
  form.elements.model.focus();
}

async function saveVehicle(event) {
  event.preventDefault();
  const form = event.target;
  const vin = form.dataset.vin;
  try {
    const saved = await send('PUT', '/console/api/customers/' + encodeURIComponent(state.file.id) + '/vehicles/'
      + encodeURIComponent(vin), {
      model: form.elements.model.value.trim(), plate: form.elements.plate.value.trim() || null,
      purchaseDate: form.elements.purchaseDate.value || null
    });
    renderFile(saved);
    text('customer-saved', t('saved') + ': ' + vin);
    document.querySelector('#cf-vehicles button[data-vin="' + vin + '"]')?.focus();
  } catch (error) {
    text('vehicle-saved', t('failed') + ': ' + error.message);
  }
}

/** One line per fact of a 360 list: its scalar fields, amounts in yuan. */
function facts(list) {
  return (list ?? []).map(fact => Object.entries(fact)
    .filter(([key, value]) => value !== null && typeof value !== 'object' && key !== 'customerId' && key !== 'branchId')
    .map(([key, value]) => key + ': ' + (key.endsWith('Fen') ? yuan(Number(value)) : value)).join(' · '));
}

function fillFacts(id, list) {
  const ul = document.getElementById(id);
  const lines = facts(list);
  ul.replaceChildren(...(lines.length ? lines : [t('none')]).map(line => {
    const li = document.createElement('li');
    li.textContent = line;
    return li;
  }));
}

function render360(view) {
  fillTable('c360-purchases', view.purchases ?? [], p => [p.saleDate, p.model, p.vin, yuan(p.amountFen)], t('none'));
  fillFacts('c360-maintenance', view.maintenance);
  fillFacts('c360-next-due', view.nextServiceDue);
  fillFacts('c360-campaigns', view.campaignInvitations);
  fillFacts('c360-follow-ups', view.followUpCalls);
  fillFacts('c360-contacts', view.contactHistory);
}

async function openFile(id) {
  const view = await api('/console/api/customers/' + encodeURIComponent(id) + '/360');
  renderFile(view.customer);
  render360(view);
  document.getElementById('h-customer-file').focus();
  state.loaded('customers');
}

async function saveFile(event) {
  event.preventDefault();
  const form = event.target;
  const c = state.file;
  const wanted = form.elements.wantedServices.value.split(/[、,，]/).map(s => s.trim()).filter(Boolean);
  const blank = value => value.trim() === '' ? null : value.trim();
  try {
    const saved = await send('PUT', '/console/api/customers/' + encodeURIComponent(c.id), {
      name: form.elements.name.value.trim(), type: form.elements.type.value, mobile: blank(form.elements.mobile.value),
      email: blank(form.elements.email.value), address: blank(form.elements.address.value),
      preferredLanguage: form.elements.preferredLanguage.value, wantedServices: wanted, notes: blank(form.elements.notes.value)
    });
    renderFile(saved);
    text('customer-saved', t('saved'));
  } catch (error) {
    text('customer-saved', t('failed') + ': ' + error.message);
  }
}

async function saveConsent(event) {
  event.preventDefault();
  const consents = Object.fromEntries(CHANNELS.map(ch => [ch, document.getElementById('consent-' + ch).checked]));
  try {
    await send('PUT', '/console/api/customers/' + encodeURIComponent(state.file.id) + '/contact-preferences', { consents });
    text('consent-saved', t('saved'));
  } catch (error) {
    text('consent-saved', t('failed') + ': ' + error.message);
  }
}

export async function showCustomers(me, loaded) {
  state.me = me;
  state.loaded = loaded;
  if (!state.wired) {
    state.wired = true;
    document.getElementById('customer-search').addEventListener('submit', event => {
      event.preventDefault();
      search().then(() => loaded('customers')).catch(error => text('customer-results-count', t('failed') + ': ' + error.message));
    });
    document.getElementById('customer-form').addEventListener('submit', saveFile);
    document.getElementById('consent-form').addEventListener('submit', saveConsent);
    document.getElementById('vehicle-form').addEventListener('submit', saveVehicle);
    document.getElementById('consultant-form').addEventListener('submit', saveConsultant);
    document.getElementById('vehicle-cancel').addEventListener('click', () => {
      document.getElementById('vehicle-form').hidden = true;
    });
  }
  await search();
  loaded('customers');
}

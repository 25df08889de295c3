// UI-3: the staff screen: a branch's salespeople, adding one, and letting one leave with a colleague taking over their
// open leads (and so their follow-up calls) and planned visits
// (POST /api/sales/salespeople/{id}/deactivation: one command in sales-service, which publishes SalespersonDeactivated).
// A branch manager sees their own branch; HQ picks any branch from the organisation's list (GET /api/sales/branches)
// and the calls name it (sales-service lets HQ act on every branch).
import { api, button, fillTable, send, text } from './api.js';
import { t } from './i18n.js';

const state = { me: null, loaded: () => {}, wired: false, staff: [], branch: null, branches: [] };

function path(id) {
  return '/console/api/sales/salespeople/' + encodeURIComponent(id);
}

function option(person) {
  const o = document.createElement('option');
  o.value = person.id;
  o.textContent = person.name + ' (' + person.id + ')';
  return o;
}

/** The successor list offers the active colleagues of the one leaving. */
function fillSuccessors() {
  const leaving = document.getElementById('staff-leaving').value;
  const successor = document.getElementById('staff-successor');
  const kept = successor.value;
  successor.replaceChildren(...state.staff.filter(p => p.active && p.id !== leaving).map(option));
  if ([...successor.options].some(o => o.value === kept)) {
    successor.value = kept;
  }
}

function render() {
  const active = state.staff.filter(p => p.active);
  text('staff-count', active.length);
  fillTable('staff', state.staff, p => [p.id, p.name, p.active ? t('active') : t('inactive'),
    p.active ? button(t('leaves'), () => {
      document.getElementById('staff-leaving').value = p.id;
      fillSuccessors();
      document.getElementById('staff-successor').focus();
    }, { 'data-leaving': p.id }) : ''], t('none'));
  const leaving = document.getElementById('staff-leaving');
  const kept = leaving.value;
  leaving.replaceChildren(...active.map(option));
  if ([...leaving.options].some(o => o.value === kept)) {
    leaving.value = kept;
  }
  fillSuccessors();
}

function isHq() {
  return state.me.roles.includes('HQ');
}

async function reload() {
  text('staff-unit', state.branch ?? '');
  state.staff = await api('/console/api/sales/salespeople'
    + (isHq() && state.branch ? '?branchId=' + encodeURIComponent(state.branch) : ''));
  render();
}

/** HQ's branch picker: every branch of the organisation, by region; the branch chosen before stays chosen. */
async function loadBranches() {
  state.branches = await api('/console/api/sales/branches');
  const picker = document.getElementById('staff-branch');
  picker.replaceChildren(...state.branches.map(b => {
    const o = document.createElement('option');
    o.value = b.id;
    o.textContent = b.name + ' (' + b.id + ')';
    return o;
  }));
  if (!state.branches.some(b => b.id === state.branch)) {
    state.branch = state.branches[0]?.id ?? null;
  }
  picker.value = state.branch ?? '';
}

function wire() {
  document.getElementById('staff-leaving').addEventListener('change', fillSuccessors);
  document.getElementById('staff-branch').addEventListener('change', async event => {
    state.branch = event.target.value;
    document.getElementById('staff-added').textContent = '';
    document.getElementById('staff-left').textContent = '';
    await reload();
  });
  document.getElementById('staff-add-form').addEventListener('submit', async event => {
    event.preventDefault();
    const status = document.getElementById('staff-added');
    const id = document.getElementById('staff-add-id').value.trim();
    try {
      await send('PUT', path(id), { name: document.getElementById('staff-add-name').value.trim(),
        ...(isHq() ? { branchId: state.branch } : {}) });
      status.textContent = t('staffSaved') + ': ' + id;
      event.target.reset();
      await reload();
    } catch (error) {
      status.textContent = t('failed') + ': ' + error.message;
    }
  });
  document.getElementById('staff-leave-form').addEventListener('submit', async event => {
    event.preventDefault();
    const status = document.getElementById('staff-left');
    const leaving = document.getElementById('staff-leaving').value;
    try {
      const handover = await send('POST', path(leaving) + '/deactivation',
        { successorId: document.getElementById('staff-successor').value });
      status.textContent = t('staffHandedOver').replace('{leads}', handover.leadsReassigned)
        .replace('{visits}', handover.visitsReassigned);
      await reload();
    } catch (error) {
      status.textContent = t('failed') + ': ' + error.message;
    }
  });
}

export async function showStaff(me, loaded) {
  state.me = me;
  state.loaded = loaded;
  if (!state.wired) {
    state.wired = true;
    wire();
  }
  document.getElementById('staff-branch-form').hidden = !isHq();
  if (isHq()) {
    await loadBranches();
  } else {
    state.branch = me.branchId ?? null;
  }
  await reload();
  loaded('staff');
}

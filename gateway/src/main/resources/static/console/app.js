// UI-1: the console's shell. Who is signed in decides the screens offered (the services enforce the roles again);
// the screen is in the URL's hash (#dashboard, #day, ...), so the browser's back button and bookmarks work.
import { api, csrfToken, text } from './api.js';
import { apply, t, toggle } from './i18n.js';
import { hideDashboard, redrawDashboard, resizeCharts, showDashboard } from './dashboard.js';
import { showBranch } from './branch.js';
import { showCustomers } from './customers.js';
import { showDay } from './day.js';
import { showService } from './service.js';
import { showStaff } from './staff.js';
import { showEntry } from './entry.js';

const SCREENS = {
  dashboard: { show: showDashboard, hide: hideDashboard },
  branch: { show: showBranch },
  day: { show: showDay },
  staff: { show: showStaff },
  entry: { show: showEntry },
  customers: { show: showCustomers },
  service: { show: showService }
};
const state = { me: null, current: null, allowed: [] };

/** Marks the page as loaded for the screen shown (the browser tests wait for it). */
function loaded(screen) {
  if (state.current === screen) {
    document.body.dataset.loaded = 'true';
  }
}

function allowedScreens(roles) {
  return [...document.querySelectorAll('#screens a[data-screen]')]
    .filter(link => link.dataset.roles.split(' ').some(role => roles.includes(role)))
    .map(link => link.dataset.screen);
}

/** The first screen for these roles: the one marked data-home for one of them, else the first allowed. */
function home() {
  const link = [...document.querySelectorAll('#screens a[data-home]')]
    .find(a => state.allowed.includes(a.dataset.screen) && a.dataset.home.split(' ').some(r => state.me.roles.includes(r)));
  return link ? link.dataset.screen : state.allowed[0];
}

async function route() {
  const wanted = window.location.hash.substring(1);
  const screen = state.allowed.includes(wanted) ? wanted : home();
  if (state.current && state.current !== screen) {
    SCREENS[state.current].hide?.();
  }
  state.current = screen;
  document.body.dataset.loaded = 'false';
  document.body.dataset.screen = screen ?? '';
  document.getElementById('problem').hidden = true;
  document.querySelectorAll('main > .screen').forEach(section => { section.hidden = section.id !== 'screen-' + screen; });
  document.querySelectorAll('#screens a').forEach(link => {
    if (link.dataset.screen === screen) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  });
  if (!screen) {
    const problem = document.getElementById('problem');
    problem.textContent = t('noScreens');
    problem.hidden = false;
    return;
  }
  try {
    await SCREENS[screen].show(state.me, loaded);
  } catch (error) {
    const problem = document.getElementById('problem');
    problem.textContent = t('failed') + ': ' + error.message;
    problem.hidden = false;
  }
}

async function signOut() {
  await fetch('/logout', { method: 'POST', headers: { 'X-XSRF-TOKEN': csrfToken() }, credentials: 'same-origin' });
  window.location.assign('/console/signed-out.html');
}

async function start() {
  apply();
  document.getElementById('lang').addEventListener('click', () => {
    toggle();
    if (state.current === 'dashboard') {
      redrawDashboard();
    } else {
      route();
    }
  });
  document.getElementById('signout').addEventListener('click', signOut);
  try {
    state.me = await api('/console/api/me');
  } catch (error) {
    const problem = document.getElementById('problem');
    problem.textContent = t('failed') + ': ' + error.message;
    problem.hidden = false;
    return;
  }
  text('who', state.me.name + (state.me.branchId ? ' · ' + state.me.branchId : ''));
  state.allowed = allowedScreens(state.me.roles ?? []);
  // only the screens the roles allow are offered
  document.querySelectorAll('#screens a[data-screen]').forEach(link => {
    if (!state.allowed.includes(link.dataset.screen)) {
      link.remove();
    }
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('resize', resizeCharts);
  await route();
}

start();

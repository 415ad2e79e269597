// The editor's desk in the browser: a form marked data-desk is sent with fetch (its anti-forgery token also in the
// X-CSRF-Token header), then the parts of the page marked data-refresh are fetched again and swapped in and the
// preview is reloaded; the jobs page refreshes its live part every 2 s. Without this script every form still works
// as a plain POST.
const token = document.querySelector('meta[name="csrf-token"]')?.content ?? '';
const flash = () => document.getElementById('flash');
const problem = () => document.getElementById('problem');

function say(message) {
  const p = problem();
  if (p) { p.hidden = true; p.textContent = ''; }
  const f = flash();
  if (f) f.textContent = message ?? '';
}

function complain(message) {
  const f = flash();
  if (f) f.textContent = '';
  const p = problem();
  if (p) { p.textContent = message; p.hidden = false; }
}

async function fetchDocument(url) {
  const response = await fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
  if (response.redirected && new URL(response.url).pathname === '/desk/sign-in') {
    location.href = response.url;
    return null;
  }
  return new DOMParser().parseFromString(await response.text(), 'text/html');
}

/** Swaps every data-refresh part for its new version, keeping the focus on the control that had it. */
async function refreshPage() {
  const focused = document.activeElement?.id;
  const doc = await fetchDocument(location.href);
  if (!doc) return;
  for (const part of document.querySelectorAll('[data-refresh]')) {
    const fresh = doc.getElementById(part.id);
    if (fresh) part.replaceWith(document.adoptNode(fresh));
  }
  const frame = document.querySelector('iframe[data-preview]');
  if (frame) frame.src = `${frame.dataset.src}?v=${Date.now()}`;
  const again = focused && document.getElementById(focused);
  if (again && !again.disabled) again.focus();
}

async function refreshLive() {
  const live = document.querySelector('[data-poll]');
  if (!live) return;
  const focused = document.activeElement?.id;
  const response = await fetch(live.dataset.poll, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
  if (response.redirected) { location.href = response.url; return; }
  if (!response.ok) return;
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  live.replaceChildren(...Array.from(doc.body.childNodes).map((n) => document.adoptNode(n)));
  const again = focused && document.getElementById(focused);
  if (again) again.focus();
}

document.addEventListener('submit', async (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-desk')) return;
  event.preventDefault();
  const buttons = form.querySelectorAll('button');
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const response = await fetch(form.action, {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      headers: { Accept: 'application/json', 'X-CSRF-Token': token },
      credentials: 'same-origin',
    });
    const answer = await response.json().catch(() => ({ error: `The desk answered ${response.status}.` }));
    if (!response.ok) {
      buttons.forEach((b) => { b.disabled = false; });
      complain(answer.error ?? `The desk answered ${response.status}.`);
      return;
    }
    if (document.querySelector('[data-poll]')) await refreshLive(); else await refreshPage();
    say(answer.message);
  } catch (e) {
    buttons.forEach((b) => { b.disabled = false; });
    complain(`The desk could not be reached: ${e.message}`);
  }
});

if (document.querySelector('[data-poll]')) {
  setInterval(() => { refreshLive().catch(() => {}); }, 2000);
}

// The console's only script: optional conveniences on server-rendered pages; every page works without it.
'use strict';

// <input type="file" data-fill="ID"> loads the chosen text file into the textarea with that id.
document.querySelectorAll('input[type=file][data-fill]').forEach((input) => {
  input.addEventListener('change', () => {
    const file = input.files && input.files[0];
    const target = document.getElementById(input.dataset.fill);
    if (!file || !target) return;
    file.text().then((text) => { target.value = text; });
  });
});

// An element with data-refresh="URL" has its content replaced by that URL's HTML every few seconds.
document.querySelectorAll('[data-refresh]').forEach((el) => {
  const every = Number(el.dataset.refreshMs || 2000);
  const tick = () => {
    if (document.hidden || !el.isConnected) return;
    fetch(el.dataset.refresh, { headers: { accept: 'text/html' } })
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(String(r.status)))))
      .then((body) => { el.innerHTML = body; })
      .catch(() => undefined);
  };
  setInterval(tick, every);
});

// <button data-copy="ID"> copies that element's text to the clipboard (the text stays selectable without it).
document.querySelectorAll('button[data-copy]').forEach((button) => {
  button.addEventListener('click', () => {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) return;
    navigator.clipboard.writeText(source.textContent).then(() => { button.textContent = 'Copied'; }, () => undefined);
  });
});

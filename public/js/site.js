// Progressive enhancement only: every page works without this file.
(() => {
  // Move focus to the error summary so screen readers announce it and keyboard users start there.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) {
    summary.focus();
    // A summary link points at a field, or at a group (fieldset) of radios or checkboxes:
    // focus the first control in it and keep its label or legend in view, not just the input.
    summary.addEventListener('click', (e) => {
      var link = e.target.closest ? e.target.closest('a[href^="#"]') : null;
      if (!link) return;
      var target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
      if (!target) return;
      var control = target.matches('input, select, textarea, button') ? target : target.querySelector('input:not([type=hidden]), select, textarea');
      if (!control) return;
      e.preventDefault();
      var group = control.closest('fieldset');
      var label = group?.querySelector('legend') || document.querySelector(`label[for="${control.id}"]`) || control;
      control.focus({ preventScroll: true });
      label.scrollIntoView({ block: 'start' });
      if (history.replaceState) history.replaceState(null, '', `#${target.id}`);
    });
  }
  // Confirm destructive actions (forms marked data-confirm).
  document.querySelectorAll('form[data-confirm]').forEach((form) => {
    form.addEventListener('submit', (e) => {
      if (!window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
    });
  });
})();

// Live character counter under a textarea with data-counter="<limit>" (the comment body).
// The limit is in the hint as well, and the server checks it, so the form is complete without this.
(() => {
  var fmt = (n) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  document.querySelectorAll('textarea[data-counter]').forEach((area) => {
    var limit = Number(area.getAttribute('data-counter'));
    var shown = document.getElementById(`${area.id}-counter`);
    if (!limit || !shown) return;
    // Screen readers hear the count once typing pauses, not at every key.
    var spoken = document.createElement('p');
    spoken.className = 'visually-hidden';
    spoken.setAttribute('aria-live', 'polite');
    shown.after(spoken);
    shown.setAttribute('aria-hidden', 'true');
    var timer = null;
    var update = (e) => {
      // The server counts the composed (NFC) text.
      var used = area.value.normalize ? area.value.normalize('NFC').length : area.value.length;
      var left = limit - used;
      var text = left >= 0 ? `Còn ${fmt(left)} / ${fmt(limit)} ký tự` : `Vượt quá ${fmt(-left)} ký tự (tối đa ${fmt(limit)})`;
      shown.textContent = text;
      shown.classList.toggle('field__counter--over', left < 0);
      if (!e) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        spoken.textContent = text;
      }, 1000);
    };
    shown.hidden = false;
    area.addEventListener('input', update);
    update();
  });
})();

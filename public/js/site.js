// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Move focus to the error summary so screen readers announce it and keyboard users start there.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) {
    summary.focus();
    // A summary link points at a field, or at a group (fieldset) of radios or checkboxes:
    // focus the first control in it and keep its label or legend in view, not just the input.
    summary.addEventListener('click', function (e) {
      var link = e.target.closest ? e.target.closest('a[href^="#"]') : null;
      if (!link) return;
      var target = document.getElementById(decodeURIComponent(link.getAttribute('href').slice(1)));
      if (!target) return;
      var control = target.matches('input, select, textarea, button') ? target : target.querySelector('input:not([type=hidden]), select, textarea');
      if (!control) return;
      e.preventDefault();
      var group = control.closest('fieldset');
      var label = (group && group.querySelector('legend')) || document.querySelector('label[for="' + control.id + '"]') || control;
      control.focus({ preventScroll: true });
      label.scrollIntoView({ block: 'start' });
      if (history.replaceState) history.replaceState(null, '', '#' + target.id);
    });
  }
  // Confirm destructive actions (forms marked data-confirm).
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      if (!window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
    });
  });
})();

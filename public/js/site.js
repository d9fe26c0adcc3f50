// Progressive enhancement only: every page works without this file.
(function () {
  'use strict';
  // Move focus to the error summary so screen readers announce it and keyboard users start there.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();
  // Confirm destructive actions (forms marked data-confirm).
  document.querySelectorAll('form[data-confirm]').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      if (!window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
    });
  });
})();

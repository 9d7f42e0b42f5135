/*
 * Instant search in the documents register (/van-ban/): filters the table's rows
 * as the reader types, over each row's number, excerpt (trích yếu) and issuer.
 * Everything it searches is in the page (each row's `data-search`, folded by
 * congxa at build time: lower case, no marks, đ → d), so it fetches nothing and
 * works from file:// (the kiosk build). Without JavaScript the field stays hidden
 * and the filter pages by type and year do the work.
 */
(function () {
  'use strict';
  var box = document.querySelector('[data-register-search]');
  if (!box || !('normalize' in String.prototype)) return;
  var input = box.querySelector('input');
  var status = box.querySelector('[role="status"]');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#register-rows > tr'));
  var MARK = /[\u0300-\u036f]/g;

  /** Same folding as congxa's `text::fold`: no marks, đ → d, lower case. */
  function fold(s) {
    return s.normalize('NFD').replace(MARK, '').replace(/[đĐ]/g, 'd').toLowerCase();
  }

  function say(template, n, q) {
    return template.replace('{n}', String(n)).replace('{q}', q);
  }

  function run() {
    var q = input.value.trim();
    var words = fold(q).split(/\s+/).filter(Boolean);
    var shown = 0;
    rows.forEach(function (row) {
      var text = row.getAttribute('data-search') || '';
      var match = words.every(function (w) { return text.indexOf(w) !== -1; });
      row.hidden = !match;
      if (match) shown += 1;
    });
    if (!words.length) status.textContent = '';
    else status.textContent = say(shown ? status.dataset.tFound : status.dataset.tNone, shown, q);
  }

  box.hidden = false;
  input.addEventListener('input', run);
  if (input.value) run();
})();

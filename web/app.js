// Passerelle - the only script: type-ahead suggestions.  In the header's
// search box a suggestion opens the record; in a form's reference field
// (an organisation, a person) it fills in "Title (#id)", which the server
// reads back.  Pages work without it; it never builds HTML from strings
// (textContent only).
'use strict';
(function () {
  function attach(input) {
    var list = input.parentNode.querySelector('.suggestions');
    var fill = !!input.closest('.suggest');
    if (!list) return;
    var timer = null, items = [], active = -1, seq = 0;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    list.id = list.id || 'suggestions-' + Math.random().toString(36).slice(2);
    input.setAttribute('aria-controls', list.id);
    function close() {
      list.hidden = true; list.textContent = ''; items = []; active = -1;
      input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant');
    }
    function select(i) {
      if (i < 0 || i >= items.length) return;
      if (fill) { input.value = items[i].title + ' (#' + items[i].id + ')'; close(); }
      else window.location.href = items[i].url;
    }
    // A record from a list, shaped like a search hit (suggestions come
    // shaped already).
    function asHit(rec) {
      if (rec.title) return rec;
      var title = rec.name || [rec.given_name, rec.family_name].filter(Boolean).join(' ') || ('#' + rec.id);
      var acronyms = (rec.names || []).filter(function (n) { return n.acronym; }).map(function (n) { return n.value; });
      return { id: rec.id, title: title, kind_label: '', subtitle: acronyms.join(' · ') || null };
    }
    function highlight(i) {
      var lis = list.children;
      for (var j = 0; j < lis.length; j++) lis[j].setAttribute('aria-selected', j === i ? 'true' : 'false');
      active = i;
      if (i >= 0) input.setAttribute('aria-activedescendant', lis[i].id);
    }
    function render(hits) {
      list.textContent = ''; items = hits; active = -1;
      if (!hits.length) { close(); return; }
      hits.forEach(function (h, i) {
        var li = document.createElement('li');
        li.id = list.id + '-' + i;
        li.setAttribute('role', 'option');
        li.appendChild(document.createTextNode(h.title + ' '));
        var kind = document.createElement('span'); kind.className = 'kind'; kind.textContent = h.kind_label;
        li.appendChild(kind);
        if (h.subtitle) { var sub = document.createElement('span'); sub.className = 'subtitle'; sub.textContent = h.subtitle; li.appendChild(sub); }
        li.addEventListener('mousedown', function (e) { e.preventDefault(); select(i); });
        list.appendChild(li);
      });
      list.hidden = false; input.setAttribute('aria-expanded', 'true');
    }
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value.trim();
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch(input.dataset.suggest + '?limit=8&q=' + encodeURIComponent(q), { headers: { Accept: 'application/json' } })
          .then(function (r) { return r.ok ? r.json() : { items: [] }; })
          .then(function (data) { if (mine === seq) render((data.items || []).map(fill ? asHit : function (h) { return h; })); })
          .catch(close);
      }, 120);
    });
    input.addEventListener('keydown', function (e) {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); highlight(Math.min(active + 1, items.length - 1)); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); select(active); }
      else if (e.key === 'Escape') { close(); }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
  }
  document.querySelectorAll('input[data-suggest]').forEach(attach);
  // After a refused form, take the keyboard to the list of problems.
  var summary = document.querySelector('.error-summary[tabindex]');
  if (summary) summary.focus();
})();

// Progressive enhancement of the search page: it works fully without this file.
(function () {
  "use strict";

  // Suggestions as you type, in a <datalist> tied to each search input.
  document.querySelectorAll("input[data-suggestions]").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2 || q === last) return;
        last = q;
        fetch(input.dataset.suggestions + "?q=" + encodeURIComponent(q), {
          headers: { Accept: "application/json" },
        })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.suggestions.map(function (title) {
              var option = document.createElement("option");
              option.value = title;
              return option;
            }));
          })
          .catch(function () {});
      }, 200);
    });
  });

  // Facet checkboxes apply at once; the "Appliquer" button stays for keyboard users.
  // Reloading on a change of context (RGAA 7.4): the hint says so beforehand, and the
  // ticked box gets the focus back once the new page is there.
  var facets = document.getElementById("facettes");
  var FOCUS_KEY = "tznr-facette";
  if (facets) {
    var hint = document.getElementById("facettes-aide");
    if (hint) hint.hidden = false;
    var stored = null;
    try { stored = JSON.parse(sessionStorage.getItem(FOCUS_KEY)); sessionStorage.removeItem(FOCUS_KEY); } catch (e) {}
    if (stored) {
      facets.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        if (box.name === stored.name && box.value === stored.value) box.focus();
      });
    }
    facets.addEventListener("change", function (event) {
      var box = event.target;
      if (!box.matches("input[type=checkbox]")) return;
      try { sessionStorage.setItem(FOCUS_KEY, JSON.stringify({ name: box.name, value: box.value })); } catch (e) {}
      facets.submit();
    });
  }
})();

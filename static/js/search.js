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
  var facets = document.getElementById("facettes");
  if (facets) {
    facets.addEventListener("change", function (event) {
      if (event.target.matches("input[type=checkbox]")) facets.submit();
    });
  }
})();

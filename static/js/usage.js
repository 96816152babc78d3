/* Recording page: the video's first play is counted, once per page shown (one POST to the
   site, no cookie, no identifier). */
(function () {
  "use strict";
  var script = document.currentScript;
  var player = document.getElementById("player");
  var url = script && script.getAttribute("data-play-url");
  if (!player || !url || !window.fetch) {
    return;
  }
  player.addEventListener(
    "play",
    function () {
      window.fetch(url, { method: "POST", credentials: "same-origin", keepalive: true })
        .catch(function () {});
    },
    { once: true }
  );
})();

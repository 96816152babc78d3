/* Recording page: cue and chapter times seek the player; the cue being played is marked.
   Without JavaScript the same links reload the page with ?t=, which starts the video there. */
(function () {
  "use strict";
  var player = document.getElementById("player");
  if (!player) {
    return;
  }
  var cueLinks = Array.prototype.slice.call(document.querySelectorAll("a.transcript-time"));
  var times = cueLinks.map(function (link) { return parseInt(link.getAttribute("data-time"), 10); });
  var current = null;

  function seek(seconds) {
    var go = function () {
      player.currentTime = seconds;
      var playing = player.play();
      if (playing && playing.catch) {
        playing.catch(function () { /* autoplay refused: the position is set anyway */ });
      }
    };
    if (player.readyState >= 1) {
      go();
    } else {
      player.addEventListener("loadedmetadata", go, { once: true });
      player.load();
    }
    player.focus();
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", "?t=" + seconds + "#player");
    }
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey ||
        event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest ? event.target.closest("a[data-time]") : null;
    if (!link) {
      return;
    }
    var seconds = parseInt(link.getAttribute("data-time"), 10);
    if (isNaN(seconds)) {
      return;
    }
    event.preventDefault();
    player.scrollIntoView({ block: "nearest" });
    seek(seconds);
  });

  player.addEventListener("timeupdate", function () {
    var index = -1;
    for (var i = 0; i < times.length && times[i] <= player.currentTime; i++) {
      index = i;
    }
    var link = index >= 0 ? cueLinks[index] : null;
    if (link === current) {
      return;
    }
    if (current) {
      current.removeAttribute("aria-current");
    }
    if (link) {
      link.setAttribute("aria-current", "time");
    }
    current = link;
  });

  var start = new URLSearchParams(window.location.search).get("t");
  if (start && /^\d+$/.test(start)) {
    player.addEventListener("loadedmetadata", function () {
      if (Math.abs(player.currentTime - parseInt(start, 10)) > 1) {
        player.currentTime = parseInt(start, 10);
      }
    }, { once: true });
  }
})();

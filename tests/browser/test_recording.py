"""Recording: a click on a transcript time moves the player there; the first play is counted
once (a POST beacon, no cookie)."""

import pytest


def test_transcript_time_moves_the_player_and_its_first_play_is_counted_once(page, url):
    from resources.models import RecordingPage

    for recording in RecordingPage.objects.live().public().order_by("path")[:5]:
        page.goto(url(recording.url))
        if page.locator("video#player").count() and page.locator("a.transcript-time").count():
            break
    else:
        pytest.fail("no demo recording shows a player with transcript links")
    assert page.locator("video#player track[kind=captions]").count() == 1
    links = page.locator("a.transcript-time")
    assert links.count() > 2
    link = links.nth(2)
    seconds = float(link.get_attribute("data-time"))
    assert seconds > 0
    beacons = []
    page.on("request", lambda request: "/lecture/" in request.url and beacons.append(request))
    with page.expect_response(lambda response: "/lecture/" in response.url) as played:
        link.click()
    page.wait_for_function(
        "t => Math.abs(document.getElementById('player').currentTime - t) < 1", arg=seconds
    )
    assert "#player" in link.get_attribute("href")
    assert played.value.status == 204
    assert "set-cookie" not in played.value.headers
    # Paused and played again: not a second play. The page's own listener runs before this
    # one, and a request to the site after it leaves after any beacon it sent.
    page.evaluate(
        """() => new Promise(resolve => {
            const player = document.getElementById('player');
            player.addEventListener('play', () => setTimeout(resolve, 0), {once: true});
            player.pause();
            player.play().catch(() => {});
        })"""
    )
    page.evaluate("fetch(location.href, {method: 'HEAD'}).then(() => 0)")
    assert len(beacons) == 1

"""Recording: a click on a transcript time moves the player there."""

import pytest


def test_transcript_time_moves_the_player(page, url):
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
    link.click()
    page.wait_for_function(
        "t => Math.abs(document.getElementById('player').currentTime - t) < 1", arg=seconds
    )
    assert "#player" in link.get_attribute("href")

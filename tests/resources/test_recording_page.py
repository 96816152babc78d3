"""The recording page: accessible player, captions from the transcript, cue-time deep links."""

import re

import pytest
from django.utils.html import escape

from resources.models import RecordingPage
from resources.transcripts import parse_transcript

pytestmark = pytest.mark.usefixtures("demo")


@pytest.fixture
def recording(db):
    return RecordingPage.objects.live().get(slug="enregistrement-2024-01-25")


def test_the_player_has_captions_built_from_the_transcript(client, recording):
    html = client.get(recording.url).content.decode()
    assert '<video id="player"' in html and " controls" in html
    track = re.search(r'<track kind="captions" srclang="fr" label="Français" src="([^"]+)"', html)
    assert track
    captions = client.get(track.group(1))
    assert captions.status_code == 200
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert captions.content.decode() == recording.transcript
    assert parse_transcript(captions.content.decode())


def test_every_cue_time_is_a_deep_link(client, recording):
    html = client.get(recording.url).content.decode()
    cues = parse_transcript(recording.transcript)
    assert len(cues) > 10
    for cue in cues:
        link = (
            f'<a class="transcript-time" href="?t={cue.seconds}#player" '
            f'data-time="{cue.seconds}">{cue.label}</a>'
        )
        assert link in html
    assert html.count('class="transcript-time"') == len(cues)


def test_the_t_parameter_starts_the_video_there_without_javascript(client, recording):
    cue = parse_transcript(recording.transcript)[4]
    html = client.get(recording.url, {"t": cue.seconds}).content.decode()
    source = re.search(r'<source src="([^"]+)"', html).group(1)
    assert source == f"{recording.video.url}#t={cue.seconds}"
    for bad in ["abc", "-5", "1e9", "9999999"]:
        html = client.get(recording.url, {"t": bad}).content.decode()
        assert "#t=" not in re.search(r'<source src="([^"]+)"', html).group(1)


def test_the_page_shows_slides_speakers_chapters_and_event(client, recording):
    html = client.get(recording.url).content.decode()
    assert escape(recording.event.title) in html and recording.event.url in html
    for speaker in recording.speaker_list:
        assert escape(speaker) in html
    assert 'class="chapter-time" href="?t=781#player" data-time="781">13:01</a>' in html
    assert 'class="fr-link fr-link--download"' in html
    assert re.search(r'<span class="fr-link__detail">PDF – [\d,]+\xa0(?:octets|ko)</span>', html)


def test_javascript_comes_from_static_files_only(client, recording):
    html = client.get(recording.url).content.decode()
    assert "js/recording.js" in html
    assert "onclick" not in html.lower()
    for script in re.findall(r"<script[^>]*>", html):
        assert "src=" in script


def test_the_video_file_answers_range_requests(client, recording):
    response = client.get(recording.video.url, HTTP_RANGE="bytes=0-1023")
    assert response.status_code == 206
    assert response["Content-Range"].startswith("bytes 0-1023/")
    assert b"".join(response.streaming_content)[:4] == b"\x1a\x45\xdf\xa3"  # EBML: WebM


def test_a_recording_without_a_valid_transcript_has_no_captions(client, recording):
    recording.transcript = "pas du WebVTT"
    recording.save_revision().publish()
    html = client.get(recording.url).content.decode()
    assert "<track" not in html and 'class="transcript-time"' not in html
    assert client.get(recording.url + "sous-titres/").status_code == 404


def test_an_external_link_to_a_video_file_plays_in_the_player(client, recording):
    recording.video = None
    recording.video_url = "https://videos.example.org/webinaire.mp4"
    recording.save_revision().publish()
    html = client.get(recording.url).content.decode()
    assert '<source src="https://videos.example.org/webinaire.mp4" type="video/mp4">' in html
    recording.video_url = "https://peertube.example.org/w/abc"
    recording.save_revision().publish()
    html = client.get(recording.url).content.decode()
    assert '<video id="player"' not in html and "https://peertube.example.org/w/abc" in html


def test_a_chapter_block_renders_as_a_time_link():
    from resources.models import ChapterBlock

    block = ChapterBlock()
    html = block.render(block.to_python({"start": 754, "title": "Bailleurs"}))
    assert 'href="?t=754#player" data-time="754">12:34</a> — Bailleurs' in html


def test_captions_of_a_members_only_recording_stay_private(client, member_client, recording):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    restriction = PageViewRestriction.objects.create(
        page=recording, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set(Group.objects.filter(name="Membre"))
    captions_url = recording.url + "sous-titres/"
    response = client.get(captions_url)
    assert response.status_code == 302 and "/connexion/" in response["Location"]
    assert member_client.get(captions_url).status_code == 200


def test_the_admin_editor_offers_the_transcript_upload(client, animator, recording):
    client.force_login(animator)
    html = client.get(f"/admin/pages/{recording.pk}/edit/").content.decode()
    assert 'name="transcript_file"' in html and 'accept=".vtt,text/vtt"' in html
    assert 'enctype="multipart/form-data"' in html

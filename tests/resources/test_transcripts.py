"""WebVTT: parsing, line-numbered French errors, empty and huge files, display helpers."""

import pytest

from resources.transcripts import (
    TranscriptError,
    check_webvtt,
    decode_transcript,
    paragraphs,
    parse_transcript,
    timecode,
    transcript_text,
)

VALID = """WEBVTT - Webinaire

NOTE Transcription de démonstration.

intro
00:00:05.000 --> 00:00:09.500
Bonjour à toutes et à tous.

00:12:34.000 --> 00:12:40.000 align:start
Les <b>bailleurs sociaux</b> sont
des partenaires clés.

01:02:03.250 --> 01:02:05.000
Merci.
"""


def test_a_valid_file_gives_its_cues_with_times_and_plain_text():
    cues = parse_transcript(VALID)
    assert [(c.seconds, c.end) for c in cues] == [(5, 9), (754, 760), (3723, 3725)]
    assert cues[1].text == "Les bailleurs sociaux sont des partenaires clés."
    assert [c.label for c in cues] == ["00:05", "12:34", "1:02:03"]
    assert check_webvtt(VALID) == 3
    assert "bailleurs sociaux" in transcript_text(VALID)


TRICKY = """WEBVTT

STYLE
::cue { color: white }

1
00:00:01.000 --> 00:00:02.500 position:10%
<v Anne Martin>Bonjour</v>, <c.jaune>ici</c> la <i>CAF</i> &amp; la MSA.

chapitre-2
00:01.000 --> 00:03.000
Une phrase sur
   trois   lignes
avec < un chevron seul

NOTE une note
sur deux lignes

10:00:00.999 --> 10:00:01.999
a<b<c>d <lang fr>fin

10:00:02.000 --> 10:00:03.000
<b></b>
"""


@pytest.mark.parametrize("text", [VALID, TRICKY])
def test_cues_match_webvtt_py_on_valid_files(text):
    """The walk gives the cues webvtt-py's parser gives (times, text without tags)."""
    import io

    import webvtt

    expected = [
        (int(c.start_in_seconds), int(c.end_in_seconds), " ".join(c.text.split()))
        for c in webvtt.from_buffer(io.StringIO(text))
    ]
    expected = [cue for cue in expected if cue[2]]
    assert [(c.seconds, c.end, c.text) for c in parse_transcript(text)] == expected


def test_timecodes():
    assert timecode(0) == "00:00"
    assert timecode(754) == "12:34"
    assert timecode(3723) == "1:02:03"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("Bonjour\n\n00:00:01.000 --> 00:00:02.000\nX\n", 1, "WEBVTT"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n\n00:01 -> 00:02\nB\n", 6,
         "horodatage invalide"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n\n00:00:03 --> 00:00:04.000\nB\n", 6,
         "horodatage invalide"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nA\n", 3, "doit suivre son début"),
        ("WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nA\n\n00:00:01.000 --> 00:00:02.000\nB\n", 6,
         "ordre du temps"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n00:00:03.000 --> 00:00:04.000\nB\n", 5,
         "ligne vide"),
        ("WEBVTT\n00:00:01.000 --> 00:00:02.000\nA\n", 2, "ligne vide"),
        ("WEBVTT\n\nidentifiant-seul\n", 4, "ligne de temps"),
        ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA\n\n00:61:00.000 --> 00:62:00.000\nB\n", 6,
         "horodatage invalide"),
    ],
)  # fmt: skip
def test_an_invalid_file_names_the_wrong_line_in_french(text, line, words):
    with pytest.raises(TranscriptError) as error:
        parse_transcript(text)
    assert error.value.line == line
    assert error.value.message.startswith(f"Ligne {line} :")
    assert words in error.value.message


def test_an_invalid_stored_transcript_indexes_and_shows_as_nothing():
    assert transcript_text("pas du WebVTT") == ""


def test_empty_transcripts():
    assert parse_transcript("") == [] and parse_transcript("  \n") == []
    assert parse_transcript("WEBVTT\n") == []
    assert check_webvtt("WEBVTT\n\nNOTE rien\n") == 0
    with pytest.raises(TranscriptError, match="vide"):
        decode_transcript(b"")


def test_a_file_not_in_utf8_names_its_line():
    with pytest.raises(TranscriptError) as error:
        decode_transcript("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nDéjà\n".encode("latin-1"))
    assert error.value.line == 4 and "UTF-8" in error.value.message


def huge_transcript(cues: int) -> str:
    blocks = ["WEBVTT", ""]
    for i in range(cues):
        start, end = i * 2, i * 2 + 1
        blocks += [f"{timecode_full(start)} --> {timecode_full(end)}", f"Phrase numéro {i}.", ""]
    return "\n".join(blocks)


def timecode_full(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}.000"


def test_a_huge_transcript_within_the_limit_is_parsed_whole():
    text = huge_transcript(20_000)  # about eleven hours of speech, ~900 KB
    cues = parse_transcript(text)
    assert len(cues) == 20_000
    assert cues[-1].seconds == 39_998 and cues[-1].text == "Phrase numéro 19999."


def test_a_transcript_over_the_limit_is_refused(settings):
    settings.TZNR_TRANSCRIPT_MAX_BYTES = 10_000
    text = huge_transcript(1_000)
    with pytest.raises(TranscriptError, match="limite"):
        check_webvtt(text)
    with pytest.raises(TranscriptError, match="trop volumineux"):
        decode_transcript(text.encode())


def test_paragraphs_break_at_chapters_and_pauses():
    cues = parse_transcript(
        "WEBVTT\n\n"
        + "".join(
            f"{timecode_full(s)} --> {timecode_full(s + 2)}\nPhrase {s}.\n\n"
            for s in [0, 3, 6, 30, 33, 36]
        )
    )
    assert [[c.seconds for c in p] for p in paragraphs(cues)] == [[0, 3, 6], [30, 33, 36]]
    assert [[c.seconds for c in p] for p in paragraphs(cues, [33])] == [[0, 3, 6], [30], [33, 36]]


def test_file_sizes_are_written_the_dsfr_way():
    from resources.templatetags.resources_tags import file_size

    assert file_size(1) == "1\xa0octet"
    assert file_size(999) == "999\xa0octets"
    assert file_size(61_880) == "61,9\xa0ko"
    assert file_size(2_000_000) == "2\xa0Mo"
    assert file_size(None) == ""

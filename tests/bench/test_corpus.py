"""The benchmark corpus is reproducible: same size and seed, same documents."""

from bench.corpus import counts, generate


def test_same_seed_gives_the_same_corpus():
    assert list(generate(300, seed=7)) == list(generate(300, seed=7))


def test_another_seed_gives_another_corpus():
    assert [i.title for i in generate(300, seed=7)] != [i.title for i in generate(300, seed=8)]


def test_the_corpus_has_the_requested_size_and_every_kind():
    items = list(generate(500, seed=1))
    assert len(items) == 500 == sum(counts(500).values())
    assert {item.kind for item in items} == {"fiche", "event", "recording", "resource"}
    recording = next(item for item in items if item.kind == "recording")
    assert recording.transcript.startswith("WEBVTT")
    assert len(recording.transcript.split()) > 2000

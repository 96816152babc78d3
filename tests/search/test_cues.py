"""Choosing the transcript cue of a database hit."""

from search.cues import best_cue, url_at

CUES = [
    (5, "Bonjour à toutes et à tous."),
    (120, "Le bailleur social de la ville participe."),
    (754, "Les bailleurs sociaux signent la convention RGPD."),
]


def test_the_cue_with_the_most_query_words_wins():
    assert best_cue(CUES, "bailleurs sociaux") == (754, CUES[2][1])
    assert best_cue(CUES, "RGPD") == (754, CUES[2][1])


def test_a_close_form_of_the_word_still_finds_a_cue():
    assert best_cue(CUES[:2], "bailleurs sociaux") == (120, CUES[1][1])


def test_short_words_and_unknown_words_give_no_cue():
    assert best_cue(CUES, "la") is None
    assert best_cue(CUES, "quasar") is None
    assert best_cue([], "RGPD") is None


def test_url_at_keeps_the_page_and_adds_the_time():
    assert url_at("/ressources/webinaire/", 754) == "/ressources/webinaire/?t=754"
    assert url_at("/ressources/webinaire/?x=1#player", 5) == "/ressources/webinaire/?x=1&t=5"

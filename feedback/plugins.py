"""What the feedback adds to other pages (FeedbackConfig.ready): the questionnaire on event
pages (EVENT), « utile ? », « Signaler un problème » and « Vérifiée le » on content pages
(PAGE), the satisfaction rates on the home page (HOME), and what it keeps about a person."""

from django.urls import reverse

from feedback import selectors
from feedback.forms import SatisfactionForm, UsefulForm
from kb import personal_data, sections
from kb.permissions import is_member


def event_satisfaction(*, request, event) -> dict | None:
    """The banner of a finished event: the questionnaire for its participants while it is
    open, the results' link for animators."""
    animator = selectors.is_animator(request.user)
    participant = selectors.survey_is_open(event) and selectors.is_participant(
        event=event, user=request.user
    )
    if not participant and not (animator and event.is_past):
        return None
    answer = selectors.answer_for(event=event, user=request.user) if participant else None
    initial = {"level": answer.level, "comment": answer.comment} if answer else None
    return {
        "event": event,
        "participant": participant,
        "answer": answer,
        "form": SatisfactionForm(initial=initial, prefix="satisfaction") if participant else None,
        "action": reverse("feedback-satisfaction", args=[event.pk]),
        "closes": selectors.survey_closes_at(event),
        "results": selectors.satisfaction_for_event(event_id=event.pk) if animator else None,
        "results_url": reverse("feedback-satisfaction-event", args=[event.pk]),
    }


def home_satisfaction(*, request, page) -> dict:
    return {"kinds": selectors.satisfaction_home()}


def register() -> None:
    sections.register(
        sections.EVENT,
        sections.Section("satisfaction", "feedback/sections/event.html", event_satisfaction, 5),
    )
    sections.register(
        sections.HOME,
        sections.Section("satisfaction", "feedback/sections/home.html", home_satisfaction, 6),
    )
    sections.register(
        sections.PAGE,
        sections.Section("feedback", "feedback/sections/page.html", page_feedback, 90),
    )
    personal_data.register("retours et avis", selectors.personal_data_of)


def page_feedback(*, request, page) -> dict | None:
    """« Vérifiée le », « utile ? » and « Signaler un problème » on fiches, resources and
    recordings. Visitors without an account get a link, not a form: a form's CSRF cookie
    would keep the page out of the anonymous page cache."""
    if not selectors.is_content_page(page):
        return None
    member = is_member(request.user)
    state = selectors.page_feedback(page=page, user=request.user)
    vote = state.vote
    initial = {"useful": "oui" if vote.useful else "non", "reason": vote.reason} if vote else None
    animator = selectors.is_animator(request.user)
    return {
        "verified_on": state.verified_on,
        "vote": vote,
        "form": UsefulForm(initial=initial, prefix="utile")
        if request.user.is_authenticated
        else None,
        "useful_url": reverse("feedback-useful", args=[page.pk]),
        "report_url": reverse("feedback-report", args=[page.pk]),
        "is_member": member,
        "votes": selectors.votes_on(page_id=page.pk) if animator else None,
        "stale_url": reverse("feedback-freshness") if animator else "",
        # The recording's player posts its first play here (static/js/usage.js).
        "play_url": reverse("feedback-video-played", args=[page.pk])
        if selectors.page_label(page) == "resources.recordingpage"
        else "",
    }

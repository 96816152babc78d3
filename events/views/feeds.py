"""iCalendar feeds and the member's private feed page (plain Django views under /evenements/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import slugify

from events import feed_selectors, selectors
from events.ical import build_calendar
from events.models import EventSeriesPage, Kind
from events.registrations import selectors as registration_selectors
from events.registrations import services as registration_services
from kb.permissions import is_member
from kb.selectors import territory_get

CALENDAR_NAME = "Agenda de la communauté TZNR"


def _url_for(request):
    return lambda page: request.build_absolute_uri(page.get_url(request))


def _ical_response(body: bytes, *, filename: str, attachment: bool, private: bool = False):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


def _feed(request, *, name: str, filename: str, private=False, user=None, **filters):
    events, series, occurrences = selectors.feed_content(private=private, user=user, **filters)
    body = build_calendar(
        name=name,
        events=events,
        series=series,
        occurrences_of=lambda one: occurrences[one.pk],
        url_for=_url_for(request),
        private=private,
        description="Plénières, mensuelles, webinaires et journées thématiques.",
    )
    return _ical_response(body, filename=filename, attachment=False, private=private)


def feed(request):
    return _feed(request, name=CALENDAR_NAME, filename="agenda-tznr.ics")


def feed_kind(request, kind: str):
    labels = dict(Kind.choices)
    if kind not in labels:
        raise Http404("Ce type d'événement n'existe pas.")
    return _feed(
        request,
        name=f"{CALENDAR_NAME} — {labels[kind]}",
        filename=f"agenda-tznr-{slugify(kind)}.ics",
        kind=kind,
    )


def feed_territory(request, slug: str):
    territory = territory_get(slug=slug)
    if territory is None:
        raise Http404("Ce territoire n'existe pas.")
    return _feed(
        request,
        name=f"{CALENDAR_NAME} — {territory.name}",
        filename=f"agenda-tznr-{territory.slug}.ics",
        territory=territory,
    )


def feed_private(request, token: str):
    """The member's feed, visio links included; an unknown or revoked token is a 404."""
    user = registration_selectors.calendar_token_owner(key=token)
    if user is None:
        raise Http404("Ce lien d'agenda n'est pas (ou plus) valable.")
    return _feed(
        request,
        name=f"{CALENDAR_NAME} (privé)",
        filename="agenda-tznr-prive.ics",
        private=True,
        user=user,
    )


def page_ics(request, path: str):
    """The .ics of one event or series: its page URL with « .ics » instead of the last « / »."""
    page = feed_selectors.event_or_series_at(path=path)
    if page is None:
        raise Http404("Cet événement n'existe pas.")
    if page.get_view_restrictions().exists() and not is_member(request.user):
        raise Http404("Cet événement n'existe pas.")
    url_for = _url_for(request)
    if isinstance(page, EventSeriesPage):
        occurrences = list(selectors.event_list_for_series(series=page, user=request.user))
        body = build_calendar(
            name=page.title,
            series=[page],
            occurrences_of=lambda one: occurrences,
            url_for=url_for,
        )
    else:
        body = build_calendar(name=page.title, events=[page], url_for=url_for)
    return _ical_response(body, filename=f"{page.slug}.ics", attachment=True)


@login_required
def my_calendar(request):
    if not is_member(request.user):
        raise PermissionDenied("L'agenda privé est réservé aux membres de la communauté.")
    if request.method == "POST":
        registration_services.calendar_token_reset(user=request.user)
        messages.success(
            request,
            "Nouveau lien créé : l'ancien ne fonctionne plus. Abonnez vos agendas au nouveau.",
        )
        return HttpResponseRedirect(reverse("events:my_calendar"))
    token = registration_services.calendar_token_get(user=request.user)
    url = request.build_absolute_uri(reverse("events:feed_private", args=[token.key]))
    index = feed_selectors.calendar_page()
    return render(
        request,
        "events/my_calendar.html",
        {
            "private_url": url,
            "private_webcal_url": "webcal://" + url.split("://", 1)[1],
            "registrations": registration_selectors.registration_list_for_user(user=request.user),
            "calendar_page": index,
        },
    )

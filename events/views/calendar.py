"""Routes of the calendar page (EventIndexPage): upcoming, month grid, past."""

import calendar
import hashlib
from datetime import date
from itertools import groupby

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.timezone import localdate

from events import selectors
from events.filters import EventFilter
from events.grid import GRID_FIELDS, grid_events, month_bounds, month_grid
from events.models import FIRST_YEAR, LAST_YEAR, Kind
from kb import site_cache
from kb.listing import paginate
from kb.permissions import is_member
from kb.site_cache import fragment_version

PER_PAGE = 20


def feed_links(request, *, kinds: set[str]) -> dict:
    """The public feeds, as https and as webcal:// (the subscribe link).

    A type's feed that holds no event (`kinds`: the types that have some) is not offered;
    its URL still answers, an empty calendar."""
    url = request.build_absolute_uri(reverse("events:feed"))
    return {
        "feed_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1],
        "kind_feeds": [
            (label, request.build_absolute_uri(reverse("events:feed_kind", args=[value])))
            for value, label in Kind.choices
            if value in kinds
        ],
    }


def _filtered_feed(request, events: EventFilter, *, kinds: set[str]) -> tuple[str, str] | None:
    """The feed that matches the current filter (one territory, or one type), if it holds
    events."""
    if not events.is_valid():
        return None
    filters = events.selected()
    if filters["territory"] is not None:
        if not selectors.feed_territory_has_events(territory=filters["territory"]):
            return None
        url = reverse("events:feed_territory", args=[filters["territory"].slug])
        label = f"S'abonner aux événements de {filters['territory'].name}"
    elif filters["kind"]:
        if filters["kind"] not in kinds:
            return None
        url = reverse("events:feed_kind", args=[filters["kind"]])
        label = f"S'abonner : {dict(Kind.choices)[filters['kind']]}"
    else:
        return None
    return label, "webcal://" + request.build_absolute_uri(url).split("://", 1)[1]


def _render(request, page, context, status=200):
    base = page.get_context(request)
    kinds = selectors.feed_kinds_with_events()
    base.update(feed_links(request, kinds=kinds))
    # The grid and the event lists are the same for every visitor of one audience on one day:
    # kept a minute per worker.
    members = is_member(request.user)
    base["fragment_version"] = f"{fragment_version(members=members)}:{localdate()}"
    base.update(context)
    if "filter" in context:
        base["filtered_feed"] = _filtered_feed(request, context.pop("filter"), kinds=kinds)
    return TemplateResponse(request, page.get_template(request), base, status=status)


def _filter(request) -> tuple[EventFilter, str]:
    """The filters, and the query string the month links keep (without the page number)."""
    query = request.GET.copy()
    query.pop("page", None)
    return EventFilter(request.GET), query.urlencode()


def _bad_filters(request, page, events: EventFilter, view):
    return _render(
        request,
        page,
        {"form": events.form, "view": view, "query_string": "", "page_obj": None},
        status=400,
    )


def _grid(request, page, *, year: int, month: int, events: EventFilter):
    """The month grid, from the few fields its cells show. A busy month holds hundreds of
    events: the grid is kept per worker, audience, filters and day for a minute at most,
    dropped at the next publication (kb.site_cache); a request reads the events it lists."""
    query = request.GET.copy()
    query.pop("page", None)
    audience = "members" if is_member(request.user) else "public"
    asked = hashlib.sha256(query.urlencode().encode()).hexdigest()[:32]
    return site_cache.remember(
        f"month-grid:{audience}:{year}-{month}:{localdate()}:{asked}",
        lambda: _grid_read(request, page, year=year, month=month, events=events),
    )


def _grid_read(request, page, *, year: int, month: int, events: EventFilter):
    first, last = month_bounds(year, month)
    between = selectors.event_list_between(first=first, last=last, user=request.user)
    rows = events.filter_queryset(between).values_list(*GRID_FIELDS)
    events = grid_events(rows, index=page, request=request)
    grid = month_grid(year=year, month=month, events=events, today=localdate())
    listed = 0
    for day in grid.days_with_events:  # the month view's page that lists the day
        day.list_page = listed // PER_PAGE + 1
        listed += len(day.events)
    return grid


def upcoming(request, *, page):
    events, query_string = _filter(request)
    if not events.is_valid():
        return _bad_filters(request, page, events, "upcoming")
    today = localdate()
    # Built only when the page's fragment is not kept (the template's `{% cache %}`).
    grid = SimpleLazyObject(
        lambda: _grid(request, page, year=today.year, month=today.month, events=events)
    )
    upcoming = events.filter_queryset(selectors.event_list_upcoming(user=request.user))
    return _render(
        request,
        page,
        {
            "form": events.form,
            "filter": events,
            "view": "upcoming",
            "grid": grid,
            **paginate(request, upcoming, per_page=PER_PAGE, form=events.form),
            "query_string": query_string,
        },
    )


def month(request, *, page, year: int, month: int):
    if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
        raise Http404("Ce mois n'existe pas dans le calendrier.")
    events, query_string = _filter(request)
    if not events.is_valid():
        return _bad_filters(request, page, events, "month")
    grid = _grid(request, page, year=year, month=month, events=events)
    # The month's events by day, a page at a time (a busy month holds hundreds); each day
    # of the grid knows the page that lists it (`_grid`), for its « + N autres » link.
    entries = [(day, event) for day in grid.days_with_events for event in day.events]
    listing = paginate(request, entries, per_page=PER_PAGE, form=events.form)
    shown = listing["page_obj"].object_list
    in_month = selectors.event_list_between(
        first=date(year, month, 1),
        last=date(year, month, calendar.monthrange(year, month)[1]),
        user=request.user,
    ).filter(pk__in={event.pk for _, event in shown})
    by_pk = {event.pk: event for event in in_month.defer("body")}
    month_days = [  # (day, [(event, its URL, already computed for the grid)])
        (day, [(by_pk[event.pk], event.url) for _, event in day_entries if event.pk in by_pk])
        for day, day_entries in groupby(shown, key=lambda entry: entry[0])
    ]
    return _render(
        request,
        page,
        {
            "form": events.form,
            "filter": events,
            "view": "month",
            "grid": grid,
            "month_days": month_days,
            **listing,
            "query_string": query_string,
        },
    )


def past(request, *, page):
    events, query_string = _filter(request)
    if not events.is_valid():
        return _bad_filters(request, page, events, "past")
    past = events.filter_queryset(selectors.event_list_past(user=request.user))
    return _render(
        request,
        page,
        {
            "form": events.form,
            "filter": events,
            "view": "past",
            **paginate(request, past, per_page=PER_PAGE, form=events.form),
            "query_string": query_string,
        },
    )

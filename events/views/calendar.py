"""Routes of the calendar page (EventIndexPage): upcoming, month grid, past."""

import calendar
from datetime import date

from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.timezone import localdate

from events import selectors
from events.forms import EventFilterForm
from events.grid import GRID_FIELDS, grid_events, month_bounds, month_grid
from events.models import FIRST_YEAR, LAST_YEAR, Kind

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


def _filtered_feed(request, form, *, kinds: set[str]) -> tuple[str, str] | None:
    """The feed that matches the current filter (one territory, or one type), if it holds
    events."""
    if not form.is_bound or form.errors:
        return None
    filters = form.filters()
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
    base.update(context)
    if "form" in context:
        base["filtered_feed"] = _filtered_feed(request, context["form"], kinds=kinds)
    return TemplateResponse(request, page.get_template(request), base, status=status)


def _form(request):
    query = request.GET.copy()
    query.pop("page", None)
    return EventFilterForm(request.GET or None), query.urlencode()


def _bad_filters(request, page, form, view):
    return _render(
        request,
        page,
        {"form": form, "view": view, "query_string": "", "page_obj": None},
        status=400,
    )


def _grid(request, page, *, year: int, month: int, filters: dict):
    """The month grid, from the few fields its cells show (hundreds of events a month)."""
    first, last = month_bounds(year, month)
    rows = selectors.event_list_filtered(
        selectors.event_list_between(first=first, last=last, user=request.user), **filters
    ).values_list(*GRID_FIELDS)
    events = grid_events(rows, index=page, request=request)
    return month_grid(year=year, month=month, events=events, today=localdate())


def _paginate(events, form):
    paginator = Paginator(events, PER_PAGE)
    number = (form.cleaned_data.get("page") if form.is_bound else None) or 1
    if number > paginator.num_pages:
        raise Http404("Cette page de résultats n'existe pas.")
    return paginator.page(number)


def upcoming(request, *, page):
    form, query_string = _form(request)
    if form.is_bound and not form.is_valid():
        return _bad_filters(request, page, form, "upcoming")
    filters = form.filters()
    today = localdate()
    grid = _grid(request, page, year=today.year, month=today.month, filters=filters)
    events = selectors.event_list_filtered(
        selectors.event_list_upcoming(user=request.user), **filters
    )
    return _render(
        request,
        page,
        {
            "form": form,
            "view": "upcoming",
            "grid": grid,
            "page_obj": _paginate(events, form),
            "query_string": query_string,
        },
    )


def month(request, *, page, year: int, month: int):
    if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
        raise Http404("Ce mois n'existe pas dans le calendrier.")
    form, query_string = _form(request)
    if form.is_bound and not form.is_valid():
        return _bad_filters(request, page, form, "month")
    filters = form.filters()
    grid = _grid(request, page, year=year, month=month, filters=filters)
    events = selectors.event_list_filtered(
        selectors.event_list_between(
            first=date(year, month, 1),
            last=date(year, month, calendar.monthrange(year, month)[1]),
            user=request.user,
        ),
        **filters,
    ).defer("body")
    by_pk = {event.pk: event for event in events}
    month_days = [  # (day, [(event, its URL, already computed for the grid)])
        (day, [(by_pk[event.pk], event.url) for event in day.events if event.pk in by_pk])
        for day in grid.days_with_events
    ]
    return _render(
        request,
        page,
        {
            "form": form,
            "view": "month",
            "grid": grid,
            "month_days": month_days,
            "query_string": query_string,
        },
    )


def past(request, *, page):
    form, query_string = _form(request)
    if form.is_bound and not form.is_valid():
        return _bad_filters(request, page, form, "past")
    events = selectors.event_list_filtered(
        selectors.event_list_past(user=request.user), **form.filters()
    )
    return _render(
        request,
        page,
        {
            "form": form,
            "view": "past",
            "page_obj": _paginate(events, form),
            "query_string": query_string,
        },
    )

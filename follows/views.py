"""« Mes abonnements », follow buttons, alerts, one-click unsubscribe and Atom feeds."""

import datetime
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from follows import selectors, services
from follows.digests import absolute
from follows.forms import FollowForm, FrequencyForm, SavedSearchForm, SavedSearchUpdateForm
from follows.models import Frequency
from kb.permissions import is_member
from search.forms import SearchForm

FEED_DAYS = 30
FEED_ENTRIES = 50


def _next_url(request, fallback: str) -> str:
    """A path on this site, else `fallback` (redirect() would take any other word for a view
    name, and a control character cannot go into a Location header)."""
    target = request.POST.get("next", "")
    if (
        target.startswith("/")
        and target.isprintable()
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    ):
        return target
    return fallback


def _feed_urls(request, token, follows, searches) -> dict:
    def url(name, pk):
        return request.build_absolute_uri(reverse(name, args=[token.key, pk]))

    return {
        "follows": {f.pk: url("follows:follow-feed", f.pk) for f in follows},
        "searches": {s.pk: url("follows:alert-feed", s.pk) for s in searches},
    }


def _remember_follows(request) -> None:
    request.session[selectors.SESSION_KEY] = selectors.follow_keys(user=request.user)


@never_cache
@require_GET
@login_required
def subscriptions(request):
    _remember_follows(request)
    follows = selectors.follow_list(user=request.user)
    searches = selectors.saved_search_list(user=request.user)
    targets = selectors.targets_of(follows)
    token = services.feed_token_get(user=request.user)
    feeds = _feed_urls(request, token, follows, searches)
    return render(
        request,
        "follows/subscriptions.html",
        {
            "follows": [
                {
                    "follow": follow,
                    "label": selectors.follow_label(follow, targets),
                    "url": getattr(targets.get((follow.kind, follow.key)), "url", ""),
                    "feed": feeds["follows"][follow.pk],
                }
                for follow in follows
            ],
            "searches": [
                {
                    "search": search,
                    "summary": selectors.saved_search_summary(search),
                    "url": _search_url(search),
                    "feed": feeds["searches"][search.pk],
                }
                for search in searches
            ],
            "frequencies": Frequency.choices,
        },
    )


def _search_url(search) -> str:
    params = ({"q": search.text} if search.text else {}) | search.filters
    return f"{reverse('search')}?{urlencode(params, doseq=True)}"


@require_POST
@login_required
def follow(request):
    form = FollowForm(request.POST)
    back = _next_url(request, reverse("follows:subscriptions"))
    if not form.is_valid():
        messages.error(request, "Cette demande de suivi n'est pas valide.")
        return redirect(back)
    kind, key = form.cleaned_data["kind"], form.cleaned_data["key"]
    existing = selectors.follow_find(user=request.user, kind=kind, key=key)
    if form.cleaned_data["action"] == "stop":
        if existing is not None:
            services.follow_remove(follow=existing)
        _remember_follows(request)
        messages.success(request, "Vous ne suivez plus ce contenu.")
        return redirect(back)
    try:
        services.follow_add(user=request.user, kind=kind, key=key)
    except services.FollowError as error:
        messages.error(request, str(error))
        return redirect(back)
    _remember_follows(request)
    messages.success(
        request,
        "Vous suivez ce contenu : un résumé quotidien vous dira ce qui est nouveau "
        "(fréquence à choisir dans « Mes abonnements »).",
    )
    return redirect(back)


@require_POST
@login_required
def follow_update(request, pk: int):
    existing = selectors.follow_get(user=request.user, pk=pk)
    if existing is None:
        raise Http404("Ce suivi n'existe pas.")
    form = FrequencyForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    elif form.cleaned_data["action"] == "stop":
        services.follow_remove(follow=existing)
        _remember_follows(request)
        messages.success(request, "Suivi arrêté.")
    else:
        services.follow_set_frequency(follow=existing, frequency=form.cleaned_data["frequency"])
        messages.success(request, "Fréquence enregistrée.")
    return redirect("follows:subscriptions")


def _search_from(params: str) -> SearchForm:
    return SearchForm(QueryDict(params))


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def alert_new(request):
    if request.method == "POST":
        form = SavedSearchForm(request.POST)
        params = request.POST.get("params", "")
    else:
        params = request.GET.urlencode()
        initial_name = request.GET.get("q", "").strip()[:100]
        form = SavedSearchForm(initial={"params": params, "name": initial_name})
    search = _search_from(params)
    if not search.is_valid():
        return render(
            request,
            "follows/alert_new.html",
            {"form": form, "error": search.error_message()},
            status=400,
        )
    query = search.to_query(members=is_member(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.saved_search_create(
                user=request.user,
                name=form.cleaned_data["name"],
                text=query.text,
                filters={name: list(values) for name, values in query.filters.items()},
                frequency=form.cleaned_data["frequency"],
            )
        except services.FollowError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"Alerte « {form.cleaned_data['name']} » créée.")
            return redirect("follows:subscriptions")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "follows/alert_new.html",
        {"form": form, "query": query, "search_url": f"{reverse('search')}?{params}"},
        status=status,
    )


@require_POST
@login_required
def alert_update(request, pk: int):
    search = selectors.saved_search_get(user=request.user, pk=pk)
    if search is None:
        raise Http404("Cette alerte n'existe pas.")
    form = SavedSearchUpdateForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    elif form.cleaned_data["action"] == "stop":
        services.saved_search_delete(search=search)
        messages.success(request, "Alerte supprimée.")
    else:
        services.saved_search_update(
            search=search,
            name=form.cleaned_data["name"] or search.name,
            frequency=form.cleaned_data["frequency"],
        )
        messages.success(request, "Alerte enregistrée.")
    return redirect("follows:subscriptions")


@require_POST
@login_required
def feed_token_reset(request):
    services.feed_token_reset(user=request.user)
    messages.success(
        request, "Nouvelles adresses de flux créées : les anciennes ne fonctionnent plus."
    )
    return redirect("follows:subscriptions")


# -- one-click unsubscribe (RFC 8058) ------------------------------------------------------


@never_cache
@csrf_exempt  # mail clients POST « List-Unsubscribe=One-Click » without a form: the signed
# token is the proof, and it only ever stops e-mails.
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        user, frequency = services.unsubscribe_read(token)
    except services.UnsubscribeInvalid as error:
        return render(
            request, "follows/unsubscribe_invalid.html", {"expired": error.expired}, status=400
        )
    label = Frequency(frequency).label.lower()
    if request.method == "POST":
        services.unsubscribe(user=user, frequency=frequency)
        return render(request, "follows/unsubscribe_done.html", {"label": label})
    return render(request, "follows/unsubscribe.html", {"label": label, "token": token})


# -- Atom feeds ----------------------------------------------------------------------------


def _feed_owner(key: str):
    token = selectors.feed_token_find(key=key)
    if token is None or not token.user.is_active:
        raise Http404("Ce flux n'existe pas ou son adresse a été renouvelée.")
    return token.user


def _atom(request, *, title: str, link: str, entries) -> HttpResponse:
    feed = Atom1Feed(
        title=title,
        link=absolute(link),
        description="Communauté apprenante Territoires Zéro Non-Recours",
        language="fr",
        feed_url=request.build_absolute_uri(),
        author_name="Communauté TZNR",
        feed_guid=request.build_absolute_uri(),
    )
    for entry in entries[:FEED_ENTRIES]:
        item = entry.item
        feed.add_item(
            title=f"{item.title} ({item.label})" if item.label else item.title,
            link=absolute(item.url),
            description=item.summary,
            unique_id=f"{absolute(item.url)}#{quote(item.key)}",
            pubdate=item.date,
            updateddate=item.date,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response


def _window() -> tuple[datetime.datetime, datetime.datetime]:
    now = timezone.now()
    return now - datetime.timedelta(days=FEED_DAYS), now


@never_cache
@require_GET
def follow_feed(request, token: str, pk: int):
    user = _feed_owner(token)
    subscription = selectors.follow_get(user=user, pk=pk)
    if subscription is None:
        raise Http404("Ce flux n'existe pas.")
    since, until = _window()
    entries = selectors.feed_items(
        subscription=subscription, since=since, until=until, members=is_member(user)
    )
    targets = selectors.targets_of([subscription])
    target = targets.get((subscription.kind, subscription.key))
    return _atom(
        request,
        title=f"Suivi : {selectors.follow_label(subscription, targets)}",
        link=target.url if target else "/",
        entries=entries,
    )


@never_cache
@require_GET
def alert_feed(request, token: str, pk: int):
    user = _feed_owner(token)
    subscription = selectors.saved_search_get(user=user, pk=pk)
    if subscription is None:
        raise Http404("Ce flux n'existe pas.")
    since, until = _window()
    entries = selectors.feed_items(
        subscription=subscription, since=since, until=until, members=is_member(user)
    )
    return _atom(
        request,
        title=f"Alerte : {subscription.name}",
        link=_search_url(subscription),
        entries=entries,
    )

"""The feedback's pages: the questionnaire, the animators' results (satisfaction, freshness,
usage), and the « utile ? » and « Signaler un problème » forms of content pages."""

from urllib.parse import urlsplit

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from feedback import figures, selectors, services
from feedback.forms import (
    ConfirmForm,
    ProblemForm,
    SatisfactionForm,
    UsagePeriodForm,
    UsefulForm,
)
from feedback.models import DailyCount
from kb.permissions import is_member


def _animators_only(request) -> None:
    if not selectors.is_animator(request.user):
        raise PermissionDenied("Cette page est réservée aux animateurs de la communauté.")


# -- The questionnaire ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def satisfaction(request, event_id: int):
    event = selectors.event_for_survey(event_id=event_id)
    if event is None:
        raise Http404("Cet événement n'existe pas.")
    if not selectors.is_participant(event=event, user=request.user):
        raise PermissionDenied("Le questionnaire est envoyé aux membres inscrits à l'événement.")
    answer = selectors.answer_for(event=event, user=request.user)
    is_open = selectors.survey_is_open(event)
    initial = {"level": answer.level, "comment": answer.comment} if answer else None
    form = SatisfactionForm(request.POST or None, initial=initial, prefix="satisfaction")
    status = 200
    if request.method == "POST":
        if not is_open:
            messages.error(request, "Le questionnaire de cet événement est fermé.")
            status = 400
        elif form.is_valid():
            services.satisfaction_answer(
                event=event,
                user=request.user,
                level=form.cleaned_data["level"],
                comment=form.cleaned_data["comment"],
            )
            messages.success(
                request,
                "Votre réponse est modifiée."
                if answer
                else "Merci, votre réponse est enregistrée.",
            )
            return redirect(event.get_url(request) + "#satisfaction")
        else:
            status = 400
    return TemplateResponse(
        request,
        "feedback/satisfaction_form.html",
        {
            "event": event,
            "form": form,
            "answer": answer,
            "is_open": is_open,
            "closes": selectors.survey_closes_at(event),
        },
        status=status,
    )


# -- Results for animators -----------------------------------------------------------------------


class ResultsFilter(forms.Form):
    year = forms.IntegerField(label="Année", required=False, min_value=2000, max_value=2100)
    kind = forms.RegexField(label="Type", required=False, regex=r"^[a-z_]{1,30}$")


def _results_scope(request):
    scope = ResultsFilter(request.GET)
    if not scope.is_valid():
        return None, None, scope  # kind None: the filters are not valid
    return scope.cleaned_data["year"], scope.cleaned_data["kind"] or "", scope


def _results_figures(year, kind) -> list:
    return [
        figures.satisfaction_figure(
            "par-type",
            f"Utilité des rendez-vous par type{f' en {year}' if year else ''}",
            "Type d'événement",
            [r for r in selectors.satisfaction_by_kind(year=year) if not kind or r.key == kind],
        ),
        figures.satisfaction_figure(
            "par-annee",
            "Utilité des rendez-vous par année",
            "Année",
            [
                r
                for r in selectors.satisfaction_by_year(kind=kind)
                if not year or r.key == str(year)
            ],
        ),
    ]


@login_required
def satisfaction_results(request):
    _animators_only(request)
    year, kind, scope = _results_scope(request)
    context = {
        "scope": scope,
        "years": selectors.satisfaction_years(),
        "kinds": selectors.satisfaction_kinds(),
    }
    if kind is None:
        context["invalid"] = True
        return TemplateResponse(request, "feedback/satisfaction_results.html", context, status=400)
    query = request.GET.urlencode()
    context.update(
        {
            "year": year,
            "kind": kind,
            "blocks": [
                figures.figure_block(
                    figure,
                    reverse("feedback-satisfaction-csv", args=[figure.key])
                    + (f"?{query}" if query else ""),
                )
                for figure in _results_figures(year, kind)
            ],
            "events": selectors.satisfaction_by_event(year=year, kind=kind),
        }
    )
    return TemplateResponse(request, "feedback/satisfaction_results.html", context)


@login_required
def satisfaction_csv(request, key: str):
    _animators_only(request)
    year, kind, _ = _results_scope(request)
    if kind is None:
        return HttpResponse(
            "Un filtre n'est pas valide.", status=400, content_type="text/plain; charset=utf-8"
        )
    figure = next((f for f in _results_figures(year, kind) if f.key == key), None)
    if figure is None:
        raise Http404("Ce tableau n'existe pas.")
    response = HttpResponse(figures.figure_csv(figure), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="satisfaction-{key}.csv"'
    return response


@login_required
def satisfaction_event(request, event_id: int):
    _animators_only(request)
    event = selectors.event_for_survey(event_id=event_id)
    if event is None:
        raise Http404("Cet événement n'existe pas.")
    return TemplateResponse(
        request,
        "feedback/satisfaction_event.html",
        {
            "event": event,
            "result": selectors.satisfaction_for_event(event_id=event.pk),
            "comments": selectors.satisfaction_comments(event_id=event.pk),
            "is_open": selectors.survey_is_open(event),
            "closes": selectors.survey_closes_at(event),
        },
    )


# -- Feedback on content -------------------------------------------------------------------------


def _content_page(request, page_id: int):
    """A fiche, resource or recording the visitor may read; 404 otherwise."""
    page = selectors.page_visible_to(page_id=page_id, user=request.user)
    if page is None or not selectors.is_content_page(page):
        raise Http404("Cette page n'existe pas.")
    return page


@require_http_methods(["GET", "POST"])
def useful(request, page_id: int):
    page = _content_page(request, page_id)
    vote = selectors.vote_for(page=page, request=request)
    initial = {"useful": "oui" if vote.useful else "non", "reason": vote.reason} if vote else None
    form = UsefulForm(request.POST or None, initial=initial, prefix="utile")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.useful_vote(
                    page=page,
                    request=request,
                    useful=form.cleaned_data["useful"],
                    reason=form.cleaned_data["reason"],
                )
            except services.TooManyVotes:
                form.add_error(
                    None,
                    "Vous avez déjà donné beaucoup d'avis sans être connecté·e : "
                    "connectez-vous pour en donner d'autres.",
                )
                status = 429
            else:
                messages.success(request, "Merci pour votre avis.")
                return redirect(page.url + "#avis")
        else:
            status = 400
    return TemplateResponse(
        request,
        "feedback/useful_form.html",
        {"page": page, "form": form, "vote": vote},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_problem(request, page_id: int):
    page = _content_page(request, page_id)
    if not is_member(request.user):
        raise PermissionDenied("Le signalement est réservé aux membres de la communauté.")
    form = ProblemForm(request.POST or None, prefix="probleme")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            services.problem_report(
                page=page,
                reporter=request.user,
                kind=form.cleaned_data["kind"],
                note=form.cleaned_data["note"],
            )
            messages.success(
                request, "Merci : les animateurs et l'auteur de la page sont prévenus."
            )
            return redirect(page.url + "#avis")
        status = 400
    return TemplateResponse(
        request, "feedback/problem_form.html", {"page": page, "form": form}, status=status
    )


# -- Freshness -----------------------------------------------------------------------------------


@login_required
def freshness(request):
    _animators_only(request)
    return TemplateResponse(
        request,
        "feedback/freshness.html",
        {"rows": selectors.freshness_list(), "form": ConfirmForm()},
    )


@require_http_methods(["POST"])
@login_required
def freshness_confirm(request, page_id: int):
    _animators_only(request)
    page = selectors.page_visible_to(page_id=page_id, user=request.user)
    if page is None or selectors.page_label(page) not in selectors.FRESHNESS_TYPES:
        raise Http404("Cette page n'existe pas.")
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choisissez un intervalle de la liste.")
        return redirect("feedback-freshness")
    services.freshness_confirm(
        page=page, by=request.user, interval_months=form.cleaned_data["interval_months"]
    )
    messages.success(request, f"« {page.title} » : vérifiée aujourd'hui, inchangée.")
    return redirect("feedback-freshness")


# -- Usage ---------------------------------------------------------------------------------------


def _usage_period(request):
    form = UsagePeriodForm(request.GET, today=timezone.localdate())
    if not form.is_valid():
        return None, None, form
    return form.cleaned_data["du"], form.cleaned_data["au"], form


@login_required
def usage(request):
    """What is read, downloaded, played and searched, and what searches found nothing."""
    _animators_only(request)
    since, until, form = _usage_period(request)
    context = {"form": form}
    if since is None:
        context["error"] = form.error_message()
        return TemplateResponse(request, "feedback/usage.html", context, status=400)
    query = request.GET.urlencode()
    figure = figures.usage_figure(selectors.usage_by_week(since=since, until=until))
    period = {"since": since, "until": until}
    context.update(
        {
            **period,
            "totals": selectors.usage_totals(**period),
            "weekly": figures.figure_block(
                figure,
                reverse("feedback-usage-csv", args=[figure.key]) + (f"?{query}" if query else ""),
            ),
            "pages": selectors.usage_top(kind=DailyCount.Kind.PAGE, user=request.user, **period),
            "documents": selectors.usage_top(
                kind=DailyCount.Kind.DOCUMENT, user=request.user, **period
            ),
            "videos": selectors.usage_top(kind=DailyCount.Kind.VIDEO, user=request.user, **period),
            "useful": selectors.useful_top(user=request.user, **period),
            "empty_searches": selectors.search_top(empty=True, **period),
            "searches": selectors.search_top(**period),
        }
    )
    return TemplateResponse(request, "feedback/usage.html", context)


@login_required
def usage_csv(request, key: str):
    _animators_only(request)
    since, until, form = _usage_period(request)
    if since is None:
        return HttpResponse(
            form.error_message(), status=400, content_type="text/plain; charset=utf-8"
        )
    figure = figures.usage_figure(selectors.usage_by_week(since=since, until=until))
    if key != figure.key:
        raise Http404("Ce tableau n'existe pas.")
    response = HttpResponse(figures.figure_csv(figure), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}.csv"'
    return response


def _same_origin(request) -> bool:
    origin = request.headers.get("Origin", "")
    return bool(origin) and urlsplit(origin).netloc == request.get_host()


@csrf_exempt
@require_POST
def video_played(request, page_id: int):
    """The recording page's script posts here when its video starts playing, once per page
    shown. No CSRF token: a token needs a cookie, which counting must not set and which would
    keep the page out of the anonymous page cache. A forged post could only add one play, as
    anyone may by pressing play; the browser's Origin header must still be this site's."""
    if not _same_origin(request):
        return HttpResponse(status=403)
    page = selectors.page_visible_to(page_id=page_id, user=request.user)
    if page is None or selectors.page_label(page) != "resources.recordingpage":
        raise Http404("Cet enregistrement n'existe pas.")
    services.usage_count(kind=DailyCount.Kind.VIDEO, item=page.pk)
    return HttpResponse(status=204)

"""« Contribuer » (members): propose a fiche or a document; « Mes contributions »: follow them."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from contributions import services
from contributions.forms import DRAFT, DocumentProposalForm, FicheProposalForm
from contributions.models import Contribution
from contributions.selectors import (
    contribution_count_today,
    contribution_get_for_author,
    contribution_list_for_author,
    member_territory,
)
from kb.markdown import render_markdown
from kb.permissions import is_member

FORMS = {
    Contribution.Kind.FICHE: FicheProposalForm,
    Contribution.Kind.DOCUMENT: DocumentProposalForm,
}


def member_required(view):
    """Signed-in members only: anonymous → login page, others → 403."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_member(request.user):
            raise PermissionDenied("Contribuer est réservé aux membres de la communauté.")
        return view(request, *args, **kwargs)

    return wrapped


@never_cache
@require_GET
@member_required
def contribute(request):
    return render(
        request,
        "contributions/contribute.html",
        {
            "limit_reached": contribution_count_today(user=request.user) >= services.DAILY_LIMIT,
            "daily_limit": services.DAILY_LIMIT,
            "territory": member_territory(user=request.user),
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def propose_fiche(request):
    return _proposal(request, kind=Contribution.Kind.FICHE)


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def propose_document(request):
    return _proposal(request, kind=Contribution.Kind.DOCUMENT)


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def contribution_edit(request, pk: int):
    contribution = contribution_get_for_author(user=request.user, pk=pk)
    if contribution is None:
        raise Http404("Cette proposition n'existe pas.")
    if not contribution.is_editable:
        messages.info(
            request,
            "Cette proposition ne peut plus être modifiée : elle est "
            f"« {contribution.get_state_display().lower()} ».",
        )
        return redirect("contribution-detail", pk=contribution.pk)
    return _proposal(request, kind=contribution.kind, contribution=contribution)


def _form_options(kind: str, contribution: Contribution | None) -> dict:
    count = contribution.attachments.count() if contribution is not None else 0
    if kind == Contribution.Kind.FICHE:
        return {"attachment_count": count}
    return {"has_file": bool(count)}


def _proposal(request, *, kind: str, contribution: Contribution | None = None):
    form_class = FORMS[kind]
    options = {"collection": services.review_collection(), **_form_options(kind, contribution)}
    status = 200
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **options)
        if form.is_valid():
            try:
                saved = services.contribution_save(
                    user=request.user, kind=kind, form=form, contribution=contribution
                )
            except services.LimitReached as error:
                form.add_error(None, str(error))
                status = 429
            except services.ProposalRefused as error:
                form.add_error(None, str(error))
                status = 400
            else:
                if form.action == DRAFT:
                    messages.success(request, "Votre brouillon est enregistré.")
                else:
                    messages.success(
                        request,
                        "Merci ! Votre proposition est envoyée à l'équipe d'animation pour "
                        "relecture. Vous serez prévenu·e par courriel.",
                    )
                return redirect("contribution-detail", pk=saved.pk)
        else:
            status = 400
    else:
        form = form_class(initial=_initial(request.user, contribution), **options)
    return render(
        request,
        f"contributions/propose_{kind}.html",
        {
            "form": form,
            "contribution": contribution,
            "attachments": list(contribution.attachments.select_related("document"))
            if contribution is not None
            else [],
            "daily_limit": services.DAILY_LIMIT,
        },
        status=status,
    )


def _initial(user, contribution: Contribution | None) -> dict:
    if contribution is not None:
        return dict(contribution.data)
    territory = member_territory(user=user)
    return {"territories": [territory.slug]} if territory is not None else {}


@never_cache
@require_GET
@member_required
def my_contributions(request):
    return render(
        request,
        "contributions/my_contributions.html",
        {"contributions": contribution_list_for_author(user=request.user)},
    )


@never_cache
@require_GET
@member_required
def contribution_detail(request, pk: int):
    contribution = contribution_get_for_author(user=request.user, pk=pk)
    if contribution is None:
        raise Http404("Cette proposition n'existe pas.")
    page = contribution.page
    return render(
        request,
        "contributions/contribution_detail.html",
        {
            "contribution": contribution,
            "data": contribution.data,
            "body_html": render_markdown(contribution.data.get("body", "")),
            "events": list(contribution.events.all()),
            "attachments": list(contribution.attachments.select_related("document")),
            "page_url": page.get_url(request) if page is not None and page.live else "",
        },
    )

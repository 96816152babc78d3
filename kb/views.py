import json
import mimetypes
import sys
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import InterfaceError, OperationalError
from django.http import FileResponse, Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template.loader import get_template
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kb import services
from kb.forms import AcceptInvitationForm, DirectoryFilterForm, InvitationForm, ProfileForm
from kb.models import Coordinator, Invitation, TerritoryIndexPage
from kb.permissions import can_export_directory, can_invite, is_member
from kb.selectors import (
    coordinator_get_visible,
    coordinator_ids_by_region,
    coordinator_list_by_ids,
    coordinator_list_filtered,
    coordinator_list_to_confirm,
)


def member_required(view):
    """Signed-in members only: anonymous → login page, others → 403."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_member(request.user):
            raise PermissionDenied("L'annuaire est réservé aux membres de la communauté.")
        return view(request, *args, **kwargs)

    return wrapped


@never_cache
@require_GET
@member_required
def directory(request):
    form = DirectoryFilterForm(request.GET or None)
    context = {"form": form, "page_obj": None}
    if form.is_bound and not form.is_valid():
        return render(request, "kb/directory.html", context, status=400)
    filters = form.filters()
    coordinators = coordinator_list_filtered(**filters)
    paginator = Paginator(coordinator_ids_by_region(coordinators), 24)
    page_number = (form.cleaned_data.get("page") if form.is_bound else None) or 1
    if page_number > paginator.num_pages:
        raise Http404("Cette page de résultats n'existe pas.")
    page_obj = paginator.page(page_number)
    page_obj.object_list = coordinator_list_by_ids(list(page_obj.object_list))
    territory_urls = TerritoryIndexPage.urls_for_territories(
        {coordinator.territory for coordinator in page_obj}, request
    )
    for coordinator in page_obj:
        coordinator.territory_url = territory_urls[coordinator.territory_id]
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        {
            "page_obj": page_obj,
            "total": paginator.count,
            "territory_count": coordinators.values("territory").distinct().count(),
            "filter_query_string": f"{query.urlencode()}&" if query else "",
            "export_query_string": query.urlencode(),
            "widenings": _directory_widenings(request, form, filters) if not page_obj else [],
            "can_export": can_export_directory(request.user),
            "can_invite": can_invite(request.user),
            "to_confirm_count": (
                coordinator_list_to_confirm().count() if can_invite(request.user) else None
            ),
        }
    )
    return render(request, "kb/directory.html", context)


def _directory_widenings(request, form: DirectoryFilterForm, filters: dict) -> list[dict]:
    """When nothing matches: each active filter, the URL without it and what it would list."""
    widenings = []
    for name, label in form.active_filter_labels().items():
        query = request.GET.copy()
        query.pop(name, None)
        query.pop("page", None)
        wider = {**filters, DirectoryFilterForm.FILTER_ARGUMENTS[name]: None}
        widenings.append(
            {
                "label": label,
                "url": f"?{query.urlencode()}" if query else request.path,
                "count": coordinator_list_filtered(**wider).count(),
            }
        )
    return widenings


@never_cache
@require_GET
@member_required
def coordinator_vcard(request, pk: int):
    coordinator = coordinator_get_visible(pk=pk)
    if coordinator is None:
        raise Http404("Cette fiche de l'annuaire n'existe pas.")
    response = HttpResponse(
        services.coordinator_vcard(coordinator=coordinator),
        content_type="text/vcard; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="contact-{coordinator.pk}.vcf"'
    return response


@never_cache
@require_GET
@member_required
def directory_export(request):
    if not can_export_directory(request.user):
        raise PermissionDenied("L'export de l'annuaire est réservé aux animateurs.")
    form = DirectoryFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "kb/directory.html", {"form": form, "page_obj": None}, status=400)
    content = services.coordinator_export_csv(
        coordinators=coordinator_list_filtered(**form.filters()),
        user=request.user,
        filters=form.active_filters(),
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="annuaire-tznr-{stamp}.csv"'
    return response


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def invite(request):
    if not can_invite(request.user):
        raise PermissionDenied("Les invitations sont réservées aux animateurs.")
    form = InvitationForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        invited, skipped = services.invitation_send(
            emails=form.cleaned_data["email_list"],
            territory=form.cleaned_data["territory"],
            invited_by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        if invited:
            messages.success(
                request,
                f"{len(invited)} invitation{'s' if len(invited) > 1 else ''} envoyée"
                f"{'s' if len(invited) > 1 else ''}.",
            )
        if skipped:
            messages.warning(request, f"Déjà inscrit·es, non invité·es : {', '.join(skipped)}.")
        return redirect("invite")
    recent = Invitation.objects.select_related("territory")[:20]
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "kb/invite.html",
        {"form": form, "invitations": recent, "now": timezone.now()},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token: str):
    invitation = Invitation.find_usable(token)
    if invitation is None:
        return render(request, "kb/invitation_invalid.html", status=410)
    if request.user.is_authenticated:
        logout(request)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(token=token, data=form.cleaned_data)
        except services.InvitationUnusable:
            return render(request, "kb/invitation_invalid.html", status=410)
        messages.success(
            request, "Votre compte est créé. Connectez-vous avec votre courriel et mot de passe."
        )
        return redirect("login")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "kb/invitation_accept.html",
        {"form": form, "invitation": invitation},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def profile(request):
    coordinator = Coordinator.objects.filter(user=request.user).first()
    form = None
    if coordinator is not None:
        form = ProfileForm(request.POST or None, instance=coordinator)
        if request.method == "POST" and form.is_valid():
            services.coordinator_save_profile(coordinator=coordinator, form=form)
            messages.success(request, "Votre fiche est enregistrée et confirmée.")
            return redirect("profile")
    data = services.user_personal_data(user=request.user)
    return render(
        request,
        "kb/profile.html",
        {
            "coordinator": coordinator,
            "form": form,
            "account_rows": _display_rows(data["compte"]),
            "entry_rows": _display_rows(data["annuaire"] or {}),
            "login_rows": [
                {"date": row["date"], "ip": row["adresse IP"], "agent": row["navigateur"]}
                for row in data["connexions (12 derniers mois)"][:10]
            ],
            "export_rows": [
                {**row, "filtres": _display(row["filtres"])}
                for row in data["exports de l'annuaire réalisés"]
            ],
        },
        status=400 if form is not None and form.errors else 200,
    )


def _display(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, dict):
        return " ; ".join(f"{key} : {_display(item)}" for key, item in value.items())
    return str(value)


def _display_rows(data: dict) -> list[tuple[str, str]]:
    return [(label, _display(value)) for label, value in data.items()]


@never_cache
@require_GET
@login_required
def profile_download(request):
    data = services.user_personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-tznr.json"'
    return response


@require_POST
@login_required
def profile_confirm(request):
    coordinator = Coordinator.objects.filter(user=request.user).first()
    if coordinator is None:
        raise Http404("Vous n'avez pas de fiche dans l'annuaire.")
    services.coordinator_confirm(coordinator=coordinator)
    messages.success(request, "Merci : votre fiche est confirmée pour 12 mois.")
    return redirect("profile")


@require_POST
@login_required
def profile_delete(request):
    coordinator = Coordinator.objects.filter(user=request.user).first()
    if coordinator is None:
        raise Http404("Vous n'avez pas de fiche dans l'annuaire.")
    if request.POST.get("confirmation") != "supprimer":
        messages.error(request, "Cochez la case de confirmation pour supprimer votre fiche.")
        return redirect("profile")
    services.coordinator_delete(coordinator=coordinator)
    messages.success(request, "Votre fiche a été supprimée de l'annuaire.")
    return redirect("profile")


def debug_media(request, path: str):
    """DEBUG only: serve media files, except documents (they go through serve_view)."""
    if not settings.DEBUG:
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / path).resolve()
    if (
        not target.is_relative_to(root)
        or target.is_relative_to(root / "documents")
        or not target.is_file()
    ):
        raise Http404("Fichier introuvable.")
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    if content_type in ("text/html", "image/svg+xml", "application/xhtml+xml"):
        content_type = "application/octet-stream"
    return FileResponse(target.open("rb"), content_type=content_type)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """500, or 503 when the database cannot answer (restart, failover, lock timeout): a
    moment's wait, not a fault of the site. Renders without touching the database."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(get_template("503.html").render({"request": request}), status=503)
        response["Retry-After"] = "5"
        return response
    return HttpResponseServerError(get_template("500.html").render({"request": request}))

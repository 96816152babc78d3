"""The directory (members), invitations (animators) and « Mon profil » (everyone signed in)."""

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from directory import services
from directory.filters import DirectoryFilter
from directory.forms import AcceptInvitationForm, InvitationForm, ProfileForm
from directory.permissions import can_export_directory, can_invite
from directory.selectors import (
    coordinator_for_user,
    coordinator_get_visible,
    coordinator_ids_by_region,
    coordinator_list_by_ids,
    coordinator_list_to_confirm,
    coordinator_list_visible,
    invitation_find_usable,
    invitation_list_recent,
)
from kb import sections
from kb.listing import paginate
from kb.models import TerritoryIndexPage
from kb.permissions import is_member


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
    entries = DirectoryFilter(request.GET, queryset=coordinator_list_visible())
    context = {"form": entries.form, "page_obj": None}
    if not entries.is_valid():
        return render(request, "directory/directory.html", context, status=400)
    context.update(
        paginate(request, coordinator_ids_by_region(entries.qs), per_page=24, form=entries.form)
    )
    page_obj = context["page_obj"]
    page_obj.object_list = coordinator_list_by_ids(list(page_obj.object_list))
    territory_urls = TerritoryIndexPage.urls_for_territories(
        {coordinator.territory for coordinator in page_obj}, request
    )
    for coordinator in page_obj:
        coordinator.territory_url = territory_urls[coordinator.territory_id]
    context.update(
        {
            "total": page_obj.paginator.count,
            "territory_count": entries.qs.values("territory").distinct().count(),
            "widenings": entries.widenings(request.path) if not page_obj else [],
            "can_export": can_export_directory(request.user),
            "can_invite": can_invite(request.user),
            "to_confirm_count": (
                coordinator_list_to_confirm().count() if can_invite(request.user) else None
            ),
        }
    )
    return render(request, "directory/directory.html", context)


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
    entries = DirectoryFilter(request.GET, queryset=coordinator_list_visible())
    if not entries.is_valid():
        context = {"form": entries.form, "page_obj": None}
        return render(request, "directory/directory.html", context, status=400)
    content = services.coordinator_export_csv(
        coordinators=entries.qs, user=request.user, filters=entries.given()
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
    recent = invitation_list_recent()
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "directory/invite.html",
        {"form": form, "invitations": recent, "now": timezone.now()},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def accept_invitation(request, token: str):
    invitation = invitation_find_usable(token=token)
    if invitation is None:
        return render(request, "directory/invitation_invalid.html", status=410)
    if request.user.is_authenticated:
        logout(request)
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_accept(token=token, data=form.cleaned_data)
        except services.InvitationUnusable:
            return render(request, "directory/invitation_invalid.html", status=410)
        messages.success(
            request, "Votre compte est créé. Connectez-vous avec votre courriel et mot de passe."
        )
        return redirect("login")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "directory/invitation_accept.html",
        {"form": form, "invitation": invitation},
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
@login_required
def profile(request):
    coordinator = coordinator_for_user(user=request.user)
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
        "directory/profile.html",
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
            # What other apps keep about the person (kb.sections.PROFILE).
            "sections": sections.sections_for(sections.PROFILE, request=request, user=request.user),
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
    coordinator = coordinator_for_user(user=request.user)
    if coordinator is None:
        raise Http404("Vous n'avez pas de fiche dans l'annuaire.")
    services.coordinator_confirm(coordinator=coordinator)
    messages.success(request, "Merci : votre fiche est confirmée pour 12 mois.")
    return redirect("profile")


@require_POST
@login_required
def profile_delete(request):
    coordinator = coordinator_for_user(user=request.user)
    if coordinator is None:
        raise Http404("Vous n'avez pas de fiche dans l'annuaire.")
    if request.POST.get("confirmation") != "supprimer":
        messages.error(request, "Cochez la case de confirmation pour supprimer votre fiche.")
        return redirect("profile")
    services.coordinator_delete(coordinator=coordinator)
    messages.success(request, "Votre fiche a été supprimée de l'annuaire.")
    return redirect("profile")

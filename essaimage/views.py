"""« Notre territoire a repris cette pratique »: a member declares it for their own territory."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from essaimage import services
from essaimage.forms import ReuseForm
from essaimage.selectors import fiche_visible_get, member_territory, reuse_get
from kb.permissions import is_member

WITHDRAW = "retirer"


def member_required(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_member(request.user):
            raise PermissionDenied("L'essaimage est réservé aux membres de la communauté.")
        return view(request, *args, **kwargs)

    return wrapped


def own_fiche(fiche, territory) -> bool:
    return territory is not None and fiche.territories.filter(pk=territory.pk).exists()


@never_cache
@require_http_methods(["GET", "POST"])
@member_required
def declare(request, pk: int):
    fiche = fiche_visible_get(pk=pk, user=request.user)
    if fiche is None:
        raise Http404("Cette fiche n'existe pas.")
    territory = member_territory(user=request.user)
    reuse = reuse_get(fiche=fiche, territory=territory) if territory is not None else None
    context = {"fiche": fiche, "territory": territory, "reuse": reuse}
    if territory is None or own_fiche(fiche, territory):
        status = 403 if request.method == "POST" else 200
        return render(request, "essaimage/declare.html", {**context, "form": None}, status=status)
    if request.method == "POST" and request.POST.get("action") == WITHDRAW:
        if services.reuse_withdraw(fiche=fiche, territory=territory):
            messages.success(request, "La déclaration de votre territoire est retirée.")
        return redirect(fiche.url)
    initial = {"level": reuse.level, "note": reuse.note} if reuse is not None else None
    form = ReuseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.reuse_declare(
            fiche=fiche,
            territory=territory,
            user=request.user,
            level=form.cleaned_data["level"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, f"C'est noté : {territory.name} a repris cette pratique.")
        return redirect(fiche.url)
    status = 400 if request.method == "POST" else 200
    return render(request, "essaimage/declare.html", {**context, "form": form}, status=status)

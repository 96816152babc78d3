"""Remontées: the list, raising one, one remontée with its history, « Nous aussi », states."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from exchange import selectors, services
from exchange.filters import RemonteeFilter
from exchange.forms import RemonteeForm, StepForm, SupportForm
from exchange.views import filtered_list, member_required


def _remontee_or_404(pk: int):
    remontee = selectors.remontee_get(pk=pk)
    if remontee is None:
        raise Http404("Cette remontée n'existe pas.")
    return remontee


@require_GET
@member_required
def remontee_list(request):
    remontees = RemonteeFilter(request.GET, queryset=selectors.remontee_list_visible())
    return filtered_list(request, remontees, "exchange/remontee_list.html")


@require_http_methods(["GET", "POST"])
@member_required
def remontee_new(request):
    form = RemonteeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            remontee = services.remontee_raise(author=request.user, **form.cleaned_data)
        except services.ExchangeError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Votre remontée est transmise à l'équipe nationale.")
            return redirect(remontee.get_absolute_url())
    return render(
        request,
        "exchange/remontee_form.html",
        {"form": form, "heading": "Faire une remontée"},
        status=400 if form.errors else 200,
    )


def _detail(request, remontee, *, step_form=None, support_form=None, status=200):
    can_moderate = selectors.can_moderate(request.user)
    return render(
        request,
        "exchange/remontee_detail.html",
        {
            "remontee": remontee,
            "steps": list(remontee.steps.all()),
            "support": selectors.remontee_support_of(remontee=remontee, user=request.user),
            "territories": selectors.remontee_supporting_territories(remontee=remontee),
            "support_form": support_form or SupportForm(),
            "step_form": (step_form or StepForm()) if can_moderate else None,
            "can_moderate": can_moderate,
        },
        status=status,
    )


@require_GET
@member_required
def remontee_detail(request, pk: int):
    return _detail(request, _remontee_or_404(pk))


@require_http_methods(["GET", "POST"])
@member_required
def remontee_edit(request, pk: int):
    remontee = _remontee_or_404(pk)
    if remontee.author_id != request.user.pk or remontee.is_deleted:
        raise PermissionDenied("Seul l'auteur d'une remontée peut la modifier.")
    initial = {
        "kind": remontee.kind,
        "title": remontee.title,
        "body": remontee.body,
        "axis": remontee.axis_id,
        "territory": remontee.territory_id,
    }
    form = RemonteeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.remontee_edit(remontee=remontee, **form.cleaned_data)
        messages.success(request, "Votre remontée est modifiée.")
        return redirect(remontee.get_absolute_url())
    return render(
        request,
        "exchange/remontee_form.html",
        {"form": form, "heading": "Modifier ma remontée", "remontee": remontee},
        status=400 if form.errors else 200,
    )


@require_POST
@member_required
def remontee_delete(request, pk: int):
    remontee = _remontee_or_404(pk)
    if remontee.author_id != request.user.pk or remontee.is_deleted:
        raise PermissionDenied("Seul l'auteur d'une remontée peut la supprimer.")
    services.message_delete(message=remontee)
    messages.success(request, "Votre remontée est supprimée.")
    return redirect("remontee-list")


@require_POST
@member_required
def remontee_state(request, pk: int):
    """Animators move the remontée to a new state, with a public note."""
    if not selectors.can_moderate(request.user):
        raise PermissionDenied("Seuls les animateurs changent l'état d'une remontée.")
    remontee = _remontee_or_404(pk)
    form = StepForm(request.POST)
    if not form.is_valid():
        return _detail(request, remontee, step_form=form, status=400)
    services.remontee_move(remontee=remontee, by=request.user, **form.cleaned_data)
    messages.success(request, "L'état de la remontée est mis à jour.")
    return redirect(remontee.get_absolute_url())


@require_POST
@member_required
def remontee_support(request, pk: int):
    remontee = _remontee_or_404(pk)
    if not remontee.is_visible:
        raise Http404("Cette remontée n'existe plus.")
    supported = selectors.remontee_support_of(remontee=remontee, user=request.user)
    form = SupportForm(request.POST)
    if supported is None and not form.is_valid():
        return _detail(request, remontee, support_form=form, status=400)
    territory = form.cleaned_data.get("territory") if supported is None else None
    now_supported = services.remontee_support_toggle(
        remontee=remontee, user=request.user, territory=territory
    )
    messages.success(
        request, "« Nous aussi » est enregistré." if now_supported else "Votre soutien est retiré."
    )
    return redirect(remontee.get_absolute_url())

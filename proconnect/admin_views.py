"""« Demandes d'accès » in the Wagtail admin: animators accept (an invitation goes out through
the directory) or refuse the requests of people ProConnect vouched for."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from kb.models import Territory
from proconnect import selectors, services
from proconnect.models import AccessRequest

PERMISSION = "proconnect.decide_accessrequest"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", "Accepter"), ("refuse", "Refuser")])
    territory = forms.ModelChoiceField(queryset=Territory.objects.all(), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "accept" and not cleaned.get("territory"):
            self.add_error("territory", "Choisissez le territoire de l'invitation.")
        return cleaned


def _check(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied("Les demandes d'accès sont réservées aux animateurs.")


def access_request_index(request):
    _check(request)
    return TemplateResponse(
        request,
        "proconnect/admin/access_requests.html",
        {
            "page_title": "Demandes d'accès ProConnect",
            "header_icon": "user",
            "pending": selectors.access_request_list_pending(),
            "decided": selectors.access_request_list_decided(),
            "territories": Territory.objects.order_by("name"),
        },
    )


@require_POST
def access_request_decide(request, pk: int):
    _check(request)
    access_request = get_object_or_404(AccessRequest, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("proconnect_access_requests")
    try:
        if form.cleaned_data["decision"] == "accept":
            sent = services.access_request_accept(
                access_request=access_request,
                territory=form.cleaned_data["territory"],
                decided_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
            if sent:
                messages.success(request, f"Invitation envoyée à {access_request.email}.")
            else:
                messages.warning(
                    request, f"{access_request.email} a déjà un compte : aucune invitation envoyée."
                )
        else:
            services.access_request_refuse(access_request=access_request, decided_by=request.user)
            messages.success(request, f"Demande de {access_request.email} refusée.")
    except services.AlreadyDecided:
        messages.warning(request, "Cette demande a déjà reçu une réponse.")
    return redirect("proconnect_access_requests")

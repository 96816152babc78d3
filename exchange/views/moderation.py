"""Reporting a message (any member) and the notification preferences (« Mon profil »)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from exchange import selectors, services
from exchange.forms import PreferencesForm, ReportForm
from exchange.models import Answer, Question, Remontee
from exchange.views import member_required

REPORTABLE = {"question": Question, "reponse": Answer, "remontee": Remontee}


@require_http_methods(["GET", "POST"])
@member_required
def report(request, kind: str, pk: int):
    model = REPORTABLE.get(kind)
    message = model.objects.filter(pk=pk).first() if model is not None else None
    if message is None or not message.is_visible:
        raise Http404("Ce message n'existe pas ou n'est plus affiché.")
    form = ReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.report_message(
            message=message, reporter=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, "Merci : les animateurs vont examiner ce message.")
        return redirect(message.get_absolute_url())
    return render(
        request,
        "exchange/report_form.html",
        {"form": form, "message": message},
        status=400 if form.errors else 200,
    )


@require_POST
@member_required
def preferences(request):
    current = selectors.preferences_for(user=request.user)
    form = PreferencesForm(
        request.POST, instance=current, animator=selectors.can_moderate(request.user)
    )
    if form.is_valid():  # checkboxes: always valid
        services.preferences_save(user=request.user, choices=form.cleaned_data)
        messages.success(request, "Vos choix de notification sont enregistrés.")
    return redirect("/mon-profil/#notifications")

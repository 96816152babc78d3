"""The animators' queue of problem reports in the Wagtail admin: nouveau, en cours, traité."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from feedback import selectors, services
from feedback.forms import ReportStateForm
from feedback.models import ProblemReport
from kb.listing import paginate


def _animators_only(request) -> None:
    if not selectors.is_animator(request.user):
        raise PermissionDenied("Les signalements sont réservés aux animateurs.")


def report_list(request):
    _animators_only(request)
    state = request.GET.get("etat", "nouveau")
    if state not in (*ProblemReport.State.values, "tous"):
        state = "nouveau"
    counts = selectors.report_counts()
    context = {
        "header_title": "Signalements de contenu",
        "page_title": "Signalements de contenu",
        "header_icon": "warning",
        "state": state,
        "states": [(value, label, counts[value]) for value, label in ProblemReport.State.choices],
    }
    reports = selectors.report_list(state="" if state == "tous" else state)
    context.update(paginate(request, reports, per_page=50))
    return TemplateResponse(request, "feedback/admin/report_list.html", context)


@require_http_methods(["GET", "POST"])
def report_detail(request, pk: int):
    _animators_only(request)
    report = selectors.report_list().filter(pk=pk).first()
    if report is None:
        raise Http404("Ce signalement n'existe pas.")
    form = ReportStateForm(request.POST or None, initial={"state": report.state})
    if request.method == "POST":
        if form.is_valid():
            services.report_move(report=report, state=form.cleaned_data["state"], by=request.user)
            messages.success(request, f"Signalement : {report.get_state_display().lower()}.")
            return redirect("feedback_report", pk=report.pk)
        messages.error(request, "Choisissez nouveau, en cours ou traité.")
    return TemplateResponse(
        request,
        "feedback/admin/report_detail.html",
        {
            "header_title": f"Signalement : {report.page.title}",
            "page_title": "Signalement de contenu",
            "header_icon": "warning",
            "report": report,
            "form": form,
        },
    )

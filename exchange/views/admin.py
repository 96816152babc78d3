"""The animators' side in the Wagtail admin: reports, and hiding or restoring a message."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from exchange import selectors, services
from exchange.models import Report
from kb.listing import paginate


def _animators_only(request) -> None:
    if not selectors.can_moderate(request.user):
        raise PermissionDenied("La modération est réservée aux animateurs.")


def report_list(request):
    _animators_only(request)
    show = "tous" if request.GET.get("etat") == "tous" else "ouverts"
    reports = Report.objects.select_related("reporter", "closed_by", "content_type")
    if show == "ouverts":
        reports = reports.filter(closed_at__isnull=True)
    context = {
        "header_title": "Signalements",
        "page_title": "Signalements",
        "header_icon": "warning",
        "show": show,
    }
    context.update(paginate(request, reports, per_page=50))
    return TemplateResponse(request, "exchange/admin/report_list.html", context)


@require_http_methods(["GET", "POST"])
def report_detail(request, pk: int):
    _animators_only(request)
    report = Report.objects.select_related("reporter", "closed_by").filter(pk=pk).first()
    if report is None or report.message is None:
        raise Http404("Ce signalement n'existe pas.")
    message = report.message
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "hide" and not message.is_hidden:
            services.message_hide(message=message, by=request.user)
            messages.success(request, "Le message est masqué.")
        elif action == "restore" and message.is_hidden:
            services.message_restore(message=message, by=request.user)
            messages.success(request, "Le message est rétabli.")
        elif action == "dismiss":
            services.report_dismiss(report=report, by=request.user)
            messages.success(request, "Le signalement est classé sans suite.")
        else:
            messages.error(request, "Cette action n'est pas possible sur ce message.")
        return redirect("exchange_report", pk=report.pk)
    return TemplateResponse(
        request,
        "exchange/admin/report_detail.html",
        {
            "header_title": "Signalement",
            "page_title": "Signalement",
            "header_icon": "warning",
            "report": report,
            "message": message,
            "reports": selectors.report_list_for(message=message).select_related("reporter"),
            "history": selectors.moderation_history_for(message=message),
        },
    )

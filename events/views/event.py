"""Routes of an event page and of a series page."""

import csv

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.text import slugify

from events.forms import RegistrationForm
from events.recurrence import describe_rule, series_skipped_dates
from events.registrations import selectors, services
from kb import sections
from kb.permissions import is_member
from kb.selectors import fiche_list_in_order, visible_pages


def ics_url(page, request=None) -> str:
    return (page.get_url(request) or "").rstrip("/") + ".ics"


def event_page(request, *, page):
    user = request.user
    context = page.get_context(request)
    context.update(
        {
            "is_member": is_member(user),
            "ics_url": ics_url(page, request),
            "registration": selectors.registration_for(event=page, user=user),
            "registration_counts": selectors.registration_counts(event=page),
            "registration_open": (
                page.registration_enabled and not page.cancelled and page.start > timezone.now()
            ),
            "can_manage": selectors.can_manage_registrations(user),
            "sections": sections.sections_for(sections.EVENT, request=request, event=page),
            "fiches": fiche_list_in_order(
                pks=[item.fiche_id for item in page.related_fiches.all()], user=user
            ),
            "territories": page.territories.order_by("name"),
            "series": page.series if page.series_id else None,
        }
    )
    return TemplateResponse(request, page.get_template(request), context)


def registration_toggle(request, *, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(page.url)
    if not is_member(request.user):
        raise PermissionDenied("L'inscription est réservée aux membres de la communauté.")
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        return TemplateResponse(
            request,
            "400.html",
            {"message": "Cette demande d'inscription n'est pas valide."},
            status=400,
        )
    if form.cleaned_data["action"] == "desinscrire":
        if services.registration_cancel(event=page, user=request.user) is not None:
            messages.success(request, "Votre inscription est annulée.")
        return HttpResponseRedirect(page.url)
    try:
        registration = services.registration_register(event=page, user=request.user)
    except services.RegistrationError as error:
        messages.error(request, str(error))
        return HttpResponseRedirect(page.url)
    if registration.status == registration.Status.CONFIRMED:
        messages.success(
            request, "Vous êtes inscrit·e. Un courriel de confirmation vous a été envoyé."
        )
    else:
        messages.info(
            request,
            "L'événement est complet : vous êtes sur la liste d'attente. Vous recevrez un "
            "courriel si une place se libère.",
        )
    return HttpResponseRedirect(page.url)


def _require_animator(request, page):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not selectors.can_manage_registrations(request.user):
        raise PermissionDenied("La liste des inscrits est réservée aux animateurs.")
    return None


def registration_list(request, *, page):
    denied = _require_animator(request, page)
    if denied:
        return denied
    registrations = list(selectors.registration_list(event=page))
    return TemplateResponse(
        request,
        "events/registration_list.html",
        {
            "page": page,
            "confirmed": [r for r in registrations if r.status == r.Status.CONFIRMED],
            "waiting": [r for r in registrations if r.status == r.Status.WAITING],
        },
    )


def _csv_cell(value) -> str:
    """Neutralise spreadsheet formulas (CSV injection)."""
    text = str(value or "")
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def registration_export(request, *, page):
    denied = _require_animator(request, page)
    if denied:
        return denied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"inscrits-{slugify(page.title)[:60]}-{timezone.localdate(page.start):%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # BOM: spreadsheet software then reads UTF-8 accents correctly
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["Statut", "Rang", "Nom", "Prénom", "Identifiant", "Courriel", "Inscrit le"])
    rank = {"confirmed": 0, "waiting": 0}
    for registration in selectors.registration_list(event=page):
        rank[registration.status] += 1
        user = registration.user
        writer.writerow(
            [
                _csv_cell(registration.get_status_display()),
                rank[registration.status],
                _csv_cell(user.last_name),
                _csv_cell(user.first_name),
                _csv_cell(user.get_username()),
                _csv_cell(user.email),
                timezone.localtime(registration.queued_at).strftime("%d/%m/%Y %H:%M"),
            ]
        )
    return response


def series_page(request, *, page):
    occurrences = visible_pages(page.occurrences.order_by("start"), request.user)
    now = timezone.now()
    context = page.get_context(request)
    context.update(
        {
            "is_member": is_member(request.user),
            "ics_url": ics_url(page, request),
            "rule": describe_rule(page),
            "upcoming": occurrences.filter(end__gte=now),
            "past": occurrences.filter(end__lt=now).order_by("-start"),
            "skipped": series_skipped_dates(page),
            "moved": [e for e in page.exceptions.all() if not e.is_skip],
        }
    )
    return TemplateResponse(request, page.get_template(request), context)

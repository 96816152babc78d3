"""E-mails to the author when their proposal changes state, through the site's task queue.

Arguments are ids and the task is idempotent: each change of state (ContributionEvent) is
claimed once before sending, so a retried or repeated task sends nothing more.
"""

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from wagtail.models import Site

from contributions.models import ContributionEvent

SUBJECTS = {
    "en_relecture": "Votre proposition est en relecture",
    "modifications_demandees": "Des modifications sont demandées sur votre proposition",
    "publiee": "Votre proposition est publiée",
    "refusee": "Votre proposition n'a pas été retenue",
}


def site_url(path: str) -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site is not None else "").rstrip("/") + path


@task()
def contribution_state_email(event_id: int) -> None:
    event = (
        ContributionEvent.objects.select_related("contribution__author", "contribution__page")
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.state not in SUBJECTS or not event.contribution.author.email:
        return
    claimed = ContributionEvent.objects.filter(pk=event_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return
    contribution = event.contribution
    page = contribution.page
    context = {
        "contribution": contribution,
        "event": event,
        "detail_url": site_url(reverse("contribution-detail", args=[contribution.pk])),
        "edit_url": site_url(reverse("contribution-edit", args=[contribution.pk])),
        "page_url": page.full_url if page is not None and page.live else "",
    }
    try:
        send_mail(
            f"[Communauté TZNR] {SUBJECTS[event.state]} : {contribution.title}",
            render_to_string("contributions/email/state_changed.txt", context),
            None,
            [contribution.author.email],
        )
    except Exception:
        ContributionEvent.objects.filter(pk=event_id).update(emailed_at=None)  # sent again later
        raise

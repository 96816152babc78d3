"""Reads of the proposals: the author's own, today's count, the credit of a published page."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone
from wagtail.models import Page, TaskState

from contributions.models import Contribution
from directory.selectors import coordinator_list_visible, territory_for_user
from kb.models import Territory
from kb.site_cache import remember


def contribution_list_for_author(*, user) -> QuerySet[Contribution]:
    return Contribution.objects.filter(author=user).select_related("territory", "page")


def contribution_get_for_author(*, user, pk: int) -> Contribution | None:
    """The author's own proposal; anyone else's is None (a 404, never a 403 that confirms it)."""
    if not user.is_authenticated:
        return None
    return contribution_list_for_author(user=user).filter(pk=pk).first()


def contribution_count_today(*, user) -> int:
    """Proposals the person started in the last 24 hours (drafts included)."""
    since = timezone.now() - datetime.timedelta(days=1)
    return Contribution.objects.filter(author=user, created_at__gte=since).count()


def contribution_page_ids() -> frozenset[int]:
    """The pages of proposals, kept per worker (kb.site_cache): a proposal's page is made at
    submission and shown only once published, which moves the copies' version."""
    return remember(
        "contributions:page-ids",
        lambda: frozenset(
            Contribution.objects.exclude(page=None).values_list("page_id", flat=True)
        ),
    )


def contribution_for_page(*, page: Page) -> Contribution | None:
    if page.pk not in contribution_page_ids():  # most pages: no query
        return None
    return Contribution.objects.filter(page=page).select_related("territory", "author").first()


def member_territory(*, user) -> Territory | None:
    """A member's territory: the one of their directory entry (directory.selectors)."""
    return territory_for_user(user=user)


def author_public_name(*, user) -> str:
    """The author's name as the directory shows it to members, or "" when they have no entry
    the directory shows (none, or hidden until confirmed)."""
    coordinator = coordinator_list_visible().filter(user=user).first()
    return coordinator.name if coordinator is not None else ""


def contribution_credit(*, page: Page, show_name: bool) -> dict | None:
    """« Proposée par »: the author's territory, and their name for members when the
    directory shows their entry. None for a page that is no published contribution."""
    contribution = contribution_for_page(page=page)
    if contribution is None or contribution.state != Contribution.State.PUBLIEE:
        return None
    name = author_public_name(user=contribution.author) if show_name else ""
    return {"territory": contribution.territory, "name": name}


def task_state_comment(*, task_state: TaskState | None) -> str:
    return (task_state.comment or "").strip() if task_state is not None else ""


def last_review_comment(*, contribution: Contribution) -> str:
    """The last comment an animator left on the proposal's workflow (request changes,
    approve with comment), for the states whose signal carries none (refusal)."""
    if contribution.page_id is None:
        return ""
    comments = (
        TaskState.objects.filter(
            workflow_state__object_id=str(contribution.page_id),
            workflow_state__base_content_type__app_label="wagtailcore",
            workflow_state__base_content_type__model="page",
        )
        .exclude(comment="")
        .order_by("-finished_at", "-pk")
        .values_list("comment", flat=True)
    )
    return (comments.first() or "").strip()


def personal_data_of(user) -> dict:
    """What contributions keep about `user` (« Mon profil », JSON download): their proposals,
    as typed, with the review's history."""
    contributions = contribution_list_for_author(user=user).prefetch_related(
        "events", "attachments__document"
    )
    return {
        "propositions": [
            {
                "type": contribution.get_kind_display(),
                "titre": contribution.title,
                "état": contribution.get_state_display(),
                "territoire": contribution.territory.name if contribution.territory else None,
                "créée le": timezone.localtime(contribution.created_at).isoformat(),
                "modifiée le": timezone.localtime(contribution.updated_at).isoformat(),
                "contenu proposé": contribution.data,
                "pièces jointes": [
                    attachment.document.title for attachment in contribution.attachments.all()
                ],
                "commentaire de l'animation": contribution.review_comment,
                "historique": [
                    {
                        "état": event.get_state_display(),
                        "commentaire": event.comment,
                        "date": timezone.localtime(event.at).isoformat(),
                    }
                    for event in contribution.events.all()
                ],
                "page": contribution.page.url
                if contribution.page is not None and contribution.page.live
                else None,
            }
            for contribution in contributions
        ]
    }

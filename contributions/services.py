"""Writes of the proposals: save, submit to the review workflow, follow its states.

A submitted proposal is a draft page (FichePage under the fiche list, ResourcePage under the
library) owned by the member, never published by this code: only the workflow's approval, or
an animator's « Publier », makes it live. The member's later edits are new revisions of that
page, and resuming the workflow sends it back to review (Wagtail's `WorkflowState.resume`).
"""

import datetime

import nh3
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    Workflow,
    WorkflowState,
)
from wagtail.rich_text import RichText
from wagtail.users.models import UserProfile

from contributions import tasks
from contributions.models import Contribution, ContributionAttachment, ContributionEvent
from contributions.selectors import contribution_count_today, member_territory
from kb.markdown import render_markdown
from kb.models import Axis, FicheAttachment, FicheIndexPage, FichePage, Public, Territory
from kb.permissions import MEMBER_GROUPS, user_access
from kb.services import members_collection_get_or_create
from resources.models import ResourceDocument, ResourceIndexPage, ResourcePage

REVIEW_WORKFLOW = "Relecture par l'animation"  # created by contributions/migrations/0002
REVIEW_COLLECTION = "Propositions en relecture"  # idem: animators only
DAILY_LIMIT = 20
# Wagtail's paragraph features (bold, italic, link, ol, ul): what its rich text editor keeps.
RICH_TEXT_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a"}


class ProposalRefused(Exception):
    """The proposal cannot be saved; the message says why, in French."""


class LimitReached(ProposalRefused):
    """The member started DAILY_LIMIT proposals in the last 24 hours."""


# -- collections and workflow -------------------------------------------------------------


def _collection_with_groups(name: str, groups: tuple[str, ...]) -> Collection:
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=name).first()
    if collection is None:
        collection = root.add_child(name=name)
    if not collection.view_restrictions.exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=groups))
    return collection


def review_collection() -> Collection:
    """Where proposed files wait: downloadable by animators and administrators only."""
    return _collection_with_groups(REVIEW_COLLECTION, ("Animateur", "Administrateur"))


def review_workflow() -> Workflow:
    return Workflow.objects.get(name=REVIEW_WORKFLOW)


# -- saving and submitting ----------------------------------------------------------------


@transaction.atomic
def contribution_save(*, user, kind: str, form, contribution: Contribution | None = None):
    """Create or update a proposal from a valid form; submit it unless it is a draft."""
    if contribution is None:
        if contribution_count_today(user=user) >= DAILY_LIMIT:
            raise LimitReached(
                f"Vous avez déjà fait {DAILY_LIMIT} propositions depuis hier à la même heure : "
                "c'est le maximum par jour. Réessayez demain, rien n'a été enregistré."
            )
        contribution = Contribution(author=user, kind=kind, territory=member_territory(user=user))
    elif not contribution.is_editable:
        raise ProposalRefused(
            "Cette proposition est en relecture : elle ne peut pas être modifiée."
        )
    contribution.title = form.cleaned_data["title"]
    contribution.data = form.stored_data()
    contribution.updated_at = timezone.now()
    contribution.save()
    _store_files(contribution, form)
    if form.submitting:
        _submit(contribution, user)
    return contribution


def _store_files(contribution: Contribution, form) -> None:
    files = list(form.cleaned_data.get("attachments") or [])
    if form.cleaned_data.get("file") is not None:
        files = [form.cleaned_data["file"]]
        contribution.attachments.all().delete()  # a document proposal has one file
    collection = review_collection()
    for uploaded in files:
        document = get_document_model()(
            title=uploaded.name[:255], file=uploaded, collection=collection
        )
        document._set_document_file_metadata()
        document.save()
        ContributionAttachment.objects.create(contribution=contribution, document=document)


def unsent_files_delete(*, contribution: Contribution) -> None:
    """The files of a proposal that has no page (never sent, or its page deleted) and still
    wait in the review collection were the member's alone: they go with the proposal (its
    author deleting their account). Deleted after commit, once the proposal is gone; Wagtail
    then deletes the stored files."""
    if contribution.page_id is not None:
        return
    ids = list(
        contribution.attachments.filter(document__collection__name=REVIEW_COLLECTION).values_list(
            "document_id", flat=True
        )
    )
    if ids:
        transaction.on_commit(lambda: get_document_model().objects.filter(pk__in=ids).delete())


def _submit(contribution: Contribution, user) -> None:
    _quiet_wagtail_notifications(user)
    if contribution.page_id is None:
        page = _new_page(contribution, user)
        page.save_revision(user=user, log_action=True)
        contribution.page = page
        contribution.save(update_fields=["page"])
        review_workflow().start(page, user)
        return
    page = contribution.page.specific.get_latest_revision_as_object()
    _fill_page(page, contribution)
    page.save_revision(user=user, log_action=True)
    state = WorkflowState.objects.active().filter(
        base_content_type=page.get_base_content_type(), object_id=str(page.pk)
    )
    state = state.first()
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=user)
    elif state is None:
        review_workflow().start(page, user)


def _quiet_wagtail_notifications(user) -> None:
    """A member hears about their proposal from us (in French, with links they can open):
    Wagtail's own approval and rejection e-mails point to the admin, closed to them."""
    if user_access(user).can_access_admin:
        return
    profile = UserProfile.get_for_user(user)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = False
        profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


def _unique_slug(parent: Page, title: str) -> str:
    base = slugify(title)[:70].strip("-") or "proposition"
    taken = set(
        Page.objects.child_of(parent).filter(slug__startswith=base).values_list("slug", flat=True)
    )
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _new_page(contribution: Contribution, user) -> Page:
    if contribution.kind == Contribution.Kind.FICHE:
        parent, page = FicheIndexPage.objects.first(), FichePage()
    else:
        parent, page = ResourceIndexPage.objects.first(), ResourcePage()
    if parent is None:
        raise ProposalRefused(
            "La rubrique qui doit accueillir cette proposition n'existe pas encore : "
            "prévenez l'équipe d'animation. Votre brouillon est gardé."
        )
    page.slug = _unique_slug(parent, contribution.title)
    page.owner = user
    page.live = False
    page.has_unpublished_changes = True
    _fill_page(page, contribution)
    parent.add_child(instance=page)
    if (
        contribution.kind == Contribution.Kind.DOCUMENT
        and contribution.data.get("visibility", "membres") == "membres"
    ):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(Group.objects.filter(name__in=MEMBER_GROUPS))
    return page


def _rich_text(text: str) -> str:
    """The member's Markdown (kb.markdown) narrowed to the tags of Wagtail's paragraph
    features: animators edit in the rich text editor exactly what the page shows."""
    html = nh3.clean(
        str(render_markdown(text)), tags=RICH_TEXT_TAGS, attributes={"a": {"href"}}, link_rel=None
    )
    return html.strip()


def _fill_page(page: Page, contribution: Contribution) -> None:
    """Copy the proposal into the page (a new page, or the latest revision's copy)."""
    data = contribution.data
    documents = [item.document for item in contribution.attachments.select_related("document")]
    page.title = data["title"]
    page.draft_title = data["title"]
    page.axis = Axis.objects.filter(slug=data.get("axis") or "").first()
    page.territories = list(Territory.objects.filter(slug__in=data.get("territories") or []))
    if isinstance(page, FichePage):
        page.chapo = data.get("chapo", "")
        html = _rich_text(data.get("body", ""))
        page.body = [("paragraph", RichText(html))] if html else []
        page.publics = list(Public.objects.filter(slug__in=data.get("publics") or []))
        page.status = data.get("status") or FichePage.Status.EN_COURS
        page.year = data.get("year") or datetime.date.today().year
        page.partners = data.get("partners", "")
        page.attachments = [FicheAttachment(document=d, title=d.title) for d in documents]
    else:
        page.summary = data.get("description", "")
        page.kind = data.get("kind") or ResourcePage.Kind.GUIDE
        page.year = page.year or datetime.date.today().year
        page.documents = [ResourceDocument(document=d, title=d.title) for d in documents]


# -- states, from the workflow's signals ---------------------------------------------------


def contribution_change_state(*, contribution: Contribution, state: str, comment: str = ""):
    """Record a new state and e-mail the author about it (after commit, through a task).

    The same state twice (signals may repeat) changes nothing."""
    if contribution.state == state:
        return None
    contribution.state = state
    contribution.review_comment = comment
    contribution.updated_at = timezone.now()
    contribution.save(update_fields=["state", "review_comment", "updated_at"])
    event = ContributionEvent.objects.create(
        contribution=contribution, state=state, comment=comment
    )
    transaction.on_commit(lambda: tasks.contribution_state_email.enqueue(event.pk))
    return event


def contribution_published(*, contribution: Contribution, comment: str = "") -> None:
    """Published: its files leave the review collection for the public or members' one."""
    if contribution.state == Contribution.State.PUBLIEE:
        return
    members_only = (
        contribution.kind == Contribution.Kind.DOCUMENT
        and contribution.data.get("visibility", "membres") == "membres"
    )
    if members_only:
        collection = members_collection_get_or_create()
    else:
        collection = Collection.get_first_root_node()
    review = review_collection()
    for attachment in contribution.attachments.select_related("document"):
        if attachment.document.collection_id == review.pk:
            attachment.document.collection = collection
            attachment.document.save(update_fields=["collection"])
    contribution_change_state(
        contribution=contribution, state=Contribution.State.PUBLIEE, comment=comment
    )

"""The review workflow's signals move a proposal's state (and e-mail its author).

Wagtail's public signals only: a task submitted (the first submission, or a resubmission
after changes: `WorkflowState.resume` starts the task again), the workflow rejected (an
animator's « Demander des modifications », with its comment), the page published (the
workflow approved, or an animator's « Publier »), the workflow cancelled or the page deleted
before publication (refused). A proposal deleted (with its author's account) takes the files
it alone holds.
"""

from django.db.models.signals import pre_delete
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.signals import (
    page_published,
    task_submitted,
    workflow_cancelled,
    workflow_rejected,
)

from contributions import services
from contributions.models import Contribution
from contributions.selectors import last_review_comment, task_state_comment


def _contribution(page_id) -> Contribution | None:
    return Contribution.objects.filter(page_id=page_id).select_related("page").first()


def _page_id(workflow_state: WorkflowState):
    if workflow_state.base_content_type.model_class() is not Page:
        return None  # a snippet's workflow
    return int(workflow_state.object_id)


def on_task_submitted(sender, instance: TaskState, user=None, **kwargs):
    contribution = _contribution(_page_id(instance.workflow_state))
    if contribution is not None and contribution.state != Contribution.State.PUBLIEE:
        services.contribution_change_state(
            contribution=contribution, state=Contribution.State.EN_RELECTURE
        )


def on_workflow_rejected(sender, instance: WorkflowState, user=None, **kwargs):
    contribution = _contribution(_page_id(instance))
    if contribution is not None:
        services.contribution_change_state(
            contribution=contribution,
            state=Contribution.State.MODIFICATIONS,
            comment=task_state_comment(task_state=instance.current_task_state),
        )


def on_page_published(sender, instance: Page, **kwargs):
    contribution = _contribution(instance.pk)
    if contribution is not None:
        services.contribution_published(
            contribution=contribution, comment=last_review_comment(contribution=contribution)
        )


def on_workflow_cancelled(sender, instance: WorkflowState, user=None, **kwargs):
    contribution = _contribution(_page_id(instance))
    # Publishing cancels the workflow too, after the page went live: that is no refusal.
    if contribution is None or Page.objects.filter(pk=contribution.page_id, live=True).exists():
        return
    services.contribution_change_state(
        contribution=contribution,
        state=Contribution.State.REFUSEE,
        comment=last_review_comment(contribution=contribution),
    )


def on_page_deleted(sender, instance, **kwargs):
    if not isinstance(instance, Page):
        return
    contribution = _contribution(instance.pk)
    if contribution is not None and contribution.state != Contribution.State.PUBLIEE:
        services.contribution_change_state(
            contribution=contribution,
            state=Contribution.State.REFUSEE,
            comment=last_review_comment(contribution=contribution),
        )


def on_contribution_deleted(sender, instance: Contribution, **kwargs):
    services.unsent_files_delete(contribution=instance)


def connect() -> None:
    task_submitted.connect(on_task_submitted, dispatch_uid="contributions-task-submitted")
    workflow_rejected.connect(on_workflow_rejected, dispatch_uid="contributions-rejected")
    workflow_cancelled.connect(on_workflow_cancelled, dispatch_uid="contributions-cancelled")
    page_published.connect(on_page_published, dispatch_uid="contributions-published")
    pre_delete.connect(on_page_deleted, dispatch_uid="contributions-page-deleted")
    pre_delete.connect(
        on_contribution_deleted, sender=Contribution, dispatch_uid="contributions-deleted"
    )

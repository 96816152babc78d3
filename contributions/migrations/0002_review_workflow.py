"""The workflow « Relecture par l'animation »: one group approval task for the Animateur group.

Members' proposals are submitted to it by name (contributions.services.review_workflow); it is
assigned to no page, so animators' own pages keep their plain « Publier ».
"""

from django.db import migrations

WORKFLOW = "Relecture par l'animation"
TASK = "Relecture par l'équipe d'animation"


def create(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not created:
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task = GroupApprovalTask.objects.create(name=TASK, active=True, content_type=content_type)
    group, _ = Group.objects.get_or_create(name="Animateur")
    task.groups.set([group])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)


def remove(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow.objects.filter(name=WORKFLOW).delete()
    Task.objects.filter(name=TASK).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("kb", "0004_role_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create, remove)]

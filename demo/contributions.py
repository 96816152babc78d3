"""Demo proposals in each state and essaimage declarations (demo/data/contributions.json).

Drawn from the practices several territories run in the first-year review (caravane and bus
des droits, coffres numériques, ambassadeurs des droits, permanences sur les marchés). The
proposals go through the real forms, services and Wagtail workflow, reviewed by the demo
animator. Idempotent: a proposal or a declaration that exists is left alone.
"""

import json
from pathlib import Path

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from wagtail.models import WorkflowState

from contributions import services as contribution_services
from contributions.forms import DocumentProposalForm, FicheProposalForm
from contributions.models import Contribution
from demo import media as demo_files
from directory.models import Coordinator
from essaimage.models import Reuse
from kb.models import FichePage, Territory

DATA = Path(__file__).resolve().parent / "data" / "contributions.json"


def load() -> int:
    """Called once by load_demo, after the accounts: how many objects it created (so that
    the search indexes are rebuilt)."""
    data = json.loads(DATA.read_text(encoding="utf-8"))
    territories = {territory.numero: territory for territory in Territory.objects.all()}
    created = _proposals(data, territories)
    for item in data["reuses"]:
        fiche = FichePage.objects.filter(slug=item["fiche"]).first()
        if fiche is None:
            continue
        _, made = Reuse.objects.get_or_create(
            fiche=fiche,
            territory=territories[item["territory"]],
            defaults={"level": item["level"], "note": item["note"]},
        )
        created += made
    return created


def _proposals(data: dict, territories: dict) -> int:
    """The demo member's proposals, reviewed by the demo animator: none without the demo
    accounts (load_demo creates them on a development database only)."""
    author = User.objects.filter(username=data["author"]["username"]).first()
    reviewer = User.objects.filter(groups__name="Animateur").order_by("pk").first()
    if author is None or reviewer is None:
        return 0
    home = territories[data["author"]["territory"]]
    entry = Coordinator.objects.filter(territory=home).order_by("pk").first()
    if entry is not None and entry.user_id is None and not hasattr(author, "coordinator"):
        entry.user = author
        entry.save(update_fields=["user"])
    created = 0
    for item in data["proposals"]:
        if not Contribution.objects.filter(author=author, title=item["title"]).exists():
            _propose(item, author, reviewer, territories)
            created += 1
    return created


def _propose(item: dict, author, reviewer, territories) -> None:
    slugs = [territories[number].slug for number in item["territories"]]
    query = QueryDict(mutable=True)
    action = "brouillon" if item["state"] == "brouillon" else "proposer"
    fields = {"action": action, "title": item["title"], "axis": item["axis"]}
    files = {}
    if item["kind"] == "fiche":
        fields.update(
            {name: item[name] for name in ("chapo", "body", "status", "partners")},
            year=str(item["year"]),
        )
        query.setlist("publics", item["publics"])
        form_class = FicheProposalForm
    else:
        fields.update(
            description=item["description"],
            kind=item["document_kind"],
            visibility=item["visibility"],
        )
        content = demo_files.pdf_bytes(item["title"], [item["description"], "Démonstration."])
        files["file"] = SimpleUploadedFile(
            f"{item['document_kind']}-demo.pdf", content, content_type="application/pdf"
        )
        form_class = DocumentProposalForm
    for name, value in fields.items():
        query[name] = value
    query.setlist("territories", slugs)
    form = form_class(query, files, collection=contribution_services.review_collection())
    if not form.is_valid():
        raise ValueError(f"demo proposal « {item['title']} »: {form.errors.as_text()}")
    contribution = contribution_services.contribution_save(
        user=author, kind=item["kind"], form=form
    )
    for action, comment in item["review"]:
        state = WorkflowState.objects.active().get(object_id=str(contribution.page_id))
        if action == "cancel":
            state.cancel(user=reviewer)
        else:
            task_state = state.current_task_state.specific
            getattr(task_state, action)(user=reviewer, comment=comment)

"""What contributions add to the shared pages (ContributionsConfig.ready): the credit under a
published contribution, and the member's proposals in « Mon profil » and its JSON download."""

from contributions.selectors import (
    contribution_credit,
    contribution_list_for_author,
    personal_data_of,
)
from kb import personal_data, sections
from kb.permissions import is_member


def credit(*, request, page) -> dict | None:
    """« Proposée par »: the territory for everyone, the name for members (the directory,
    where the person shows it, is members-only)."""
    found = contribution_credit(page=page, show_name=is_member(request.user))
    return {"credit": found} if found is not None else None


def profile_contributions(*, request, user) -> dict | None:
    if not is_member(user):
        return None
    return {"contributions": list(contribution_list_for_author(user=user)[:5])}


def register() -> None:
    sections.register(
        sections.PAGE,
        sections.Section("credit", "contributions/sections/credit.html", credit, order=10),
    )
    sections.register(
        sections.PROFILE,
        sections.Section(
            "contributions",
            "contributions/sections/profile.html",
            profile_contributions,
            order=10,
        ),
    )
    personal_data.register("contributions", personal_data_of)

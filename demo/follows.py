"""The demo member's follows and alert (demo/data/follows.json), so that « Mes abonnements »,
the home page's « Nouveau depuis votre dernière visite » and the feeds show something."""

import json
from pathlib import Path

from django.contrib.auth.models import User

from follows.models import Follow, SavedSearch

DATA = Path(__file__).parent / "data" / "follows.json"


def load() -> int:
    """Idempotent; returns how many were created (none without the demo account)."""
    data = json.loads(DATA.read_text())
    user = User.objects.filter(username=data["account"]).first()
    if user is None:
        return 0
    created = 0
    for follow in data["follows"]:
        _, new = Follow.objects.get_or_create(
            user=user,
            kind=follow["kind"],
            key=follow["key"],
            defaults={"frequency": follow["frequency"]},
        )
        created += new
    for search in data["saved_searches"]:
        _, new = SavedSearch.objects.get_or_create(
            user=user,
            name=search["name"],
            defaults={
                "text": search["text"],
                "filters": search["filters"],
                "frequency": search["frequency"],
            },
        )
        created += new
    return created

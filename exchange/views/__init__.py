"""The exchange's pages: members only (anonymous → login page, other accounts → 403)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import never_cache

from kb.permissions import is_member


def member_required(view):
    @wraps(view)
    @never_cache
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_member(request.user):
            raise PermissionDenied(
                "Les questions et les remontées sont réservées aux membres de la communauté."
            )
        return view(request, *args, **kwargs)

    return wrapped

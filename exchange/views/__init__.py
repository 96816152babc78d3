"""The exchange's pages: members only (anonymous → login page, other accounts → 403)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from kb.listing import paginate
from kb.permissions import is_member

PER_PAGE = 20


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


def filtered_list(request, filters, template: str):
    """A list of questions or remontées: its filter set, a 400 on bad filters, 20 a page."""
    context = {"form": filters.form, "page_obj": None}
    if not filters.is_valid():
        return render(request, template, context, status=400)
    context.update(paginate(request, filters.qs, per_page=PER_PAGE, form=filters.form))
    return render(request, template, context)

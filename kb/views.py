from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseServerError
from django.shortcuts import render

from kb.forms import DirectoryFilterForm
from kb.permissions import is_member
from kb.selectors import coordinator_list_visible


@login_required
def directory(request):
    if not is_member(request.user):
        raise PermissionDenied("L'annuaire est réservé aux membres de la communauté.")
    form = DirectoryFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "kb/directory.html", {"form": form, "page_obj": None}, status=400)
    coordinators = coordinator_list_visible()
    if form.is_bound:
        data = form.cleaned_data
        if data["territory"]:
            coordinators = coordinators.filter(territory=data["territory"])
        if data["region"]:
            coordinators = coordinators.filter(territory__region=data["region"])
        if data["q"]:
            coordinators = coordinators.filter(
                Q(name__icontains=data["q"]) | Q(organisation__icontains=data["q"])
            )
    paginator = Paginator(coordinators, 24)
    page_obj = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "kb/directory.html",
        {"form": form, "page_obj": page_obj, "total": paginator.count},
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    from django.template.loader import get_template

    return HttpResponseServerError(get_template("500.html").render({"request": request}))

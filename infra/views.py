"""Site-wide views: error pages, the health check."""

import sys

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template.loader import get_template
from django.views.decorators.cache import never_cache


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    """500, or 503 when the database cannot answer (restart, failover, lock timeout): a
    moment's wait, not a fault of the site. Renders without touching the database."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        response = HttpResponse(get_template("503.html").render({"request": request}), status=503)
        response["Retry-After"] = "5"
        return response
    return HttpResponseServerError(get_template("500.html").render({"request": request}))


@never_cache
def health(request):
    """For the load balancer: 200 when this process can reach the database, else 503 (the
    balancer stops sending it requests). Elasticsearch is not checked: search falls back."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except (OperationalError, InterfaceError):
        return HttpResponse("base de données injoignable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")

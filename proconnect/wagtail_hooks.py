from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from proconnect import admin_views


@hooks.register("register_admin_urls")
def access_request_urls():
    return [
        path(
            "demandes-acces/",
            admin_views.access_request_index,
            name="proconnect_access_requests",
        ),
        path(
            "demandes-acces/<int:pk>/decision/",
            admin_views.access_request_decide,
            name="proconnect_access_request_decide",
        ),
    ]


class AccessRequestMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def access_request_menu_item():
    return AccessRequestMenuItem(
        "Demandes d'accès",
        reverse("proconnect_access_requests"),
        name="demandes-acces",
        icon_name="user",
        order=900,
    )

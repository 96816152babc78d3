from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from exchange.selectors import can_moderate
from exchange.views import admin as admin_views


@hooks.register("register_admin_urls")
def urls():
    return [
        path("exchange/signalements/", admin_views.report_list, name="exchange_reports"),
        path("exchange/signalements/<int:pk>/", admin_views.report_detail, name="exchange_report"),
    ]


class AnimatorMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return AnimatorMenuItem(
        "Signalements", reverse("exchange_reports"), icon_name="warning", order=900
    )

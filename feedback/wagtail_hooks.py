from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from feedback import admin_views
from feedback.selectors import is_animator


@hooks.register("register_admin_urls")
def urls():
    return [
        path("retours/signalements/", admin_views.report_list, name="feedback_reports"),
        path("retours/signalements/<int:pk>/", admin_views.report_detail, name="feedback_report"),
    ]


class AnimatorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_animator(request.user)


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    return AnimatorMenuItem(
        "Problèmes signalés", reverse("feedback_reports"), icon_name="warning", order=910
    )


@hooks.register("register_admin_menu_item")
def usage_menu_item():
    return AnimatorMenuItem(
        "Usages des contenus", reverse("feedback-usage"), icon_name="view", order=920
    )

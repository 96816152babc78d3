from django.urls import path

from feedback import views

urlpatterns = [
    path(
        "retours/evenements/<int:event_id>/satisfaction/",
        views.satisfaction,
        name="feedback-satisfaction",
    ),
    path("retours/satisfaction/", views.satisfaction_results, name="feedback-satisfaction-results"),
    path(
        "retours/satisfaction/<slug:key>.csv",
        views.satisfaction_csv,
        name="feedback-satisfaction-csv",
    ),
    path(
        "retours/satisfaction/evenements/<int:event_id>/",
        views.satisfaction_event,
        name="feedback-satisfaction-event",
    ),
    path("retours/pages/<int:page_id>/utile/", views.useful, name="feedback-useful"),
    path("retours/pages/<int:page_id>/signaler/", views.report_problem, name="feedback-report"),
    path("retours/fraicheur/", views.freshness, name="feedback-freshness"),
    path(
        "retours/fraicheur/<int:page_id>/confirmer/",
        views.freshness_confirm,
        name="feedback-freshness-confirm",
    ),
    path("retours/usages/", views.usage, name="feedback-usage"),
    path("retours/usages/<slug:key>.csv", views.usage_csv, name="feedback-usage-csv"),
    path("retours/pages/<int:page_id>/lecture/", views.video_played, name="feedback-video-played"),
]

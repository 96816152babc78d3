from django.urls import path

from follows import views

app_name = "follows"

urlpatterns = [
    path("mon-profil/abonnements/", views.subscriptions, name="subscriptions"),
    path("mon-profil/abonnements/suivre/", views.follow, name="follow"),
    path("mon-profil/abonnements/suivis/<int:pk>/", views.follow_update, name="follow-update"),
    path("mon-profil/abonnements/alertes/nouvelle/", views.alert_new, name="alert-new"),
    path("mon-profil/abonnements/alertes/<int:pk>/", views.alert_update, name="alert-update"),
    path(
        "mon-profil/abonnements/flux/reinitialiser/",
        views.feed_token_reset,
        name="feed-token-reset",
    ),
    path("desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("flux/<str:token>/suivi-<int:pk>.atom", views.follow_feed, name="follow-feed"),
    path("flux/<str:token>/alerte-<int:pk>.atom", views.alert_feed, name="alert-feed"),
]

from django.urls import path

from contributions import views

urlpatterns = [
    path("contribuer/", views.contribute, name="contribute"),
    path("contribuer/fiche/", views.propose_fiche, name="propose-fiche"),
    path("contribuer/document/", views.propose_document, name="propose-document"),
    path("mon-profil/contributions/", views.my_contributions, name="my-contributions"),
    path(
        "mon-profil/contributions/<int:pk>/",
        views.contribution_detail,
        name="contribution-detail",
    ),
    path(
        "mon-profil/contributions/<int:pk>/modifier/",
        views.contribution_edit,
        name="contribution-edit",
    ),
]

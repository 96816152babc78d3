from django.contrib.auth import views as auth_views
from django.urls import path

from directory import views
from directory.forms import LoginForm, PasswordResetForm

urlpatterns = [
    path(
        "connexion/",
        auth_views.LoginView.as_view(
            template_name="registration/login.html", authentication_form=LoginForm
        ),
        name="login",
    ),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
    path("annuaire/", views.directory, name="directory"),
    path("annuaire/export.csv", views.directory_export, name="directory-export"),
    path("annuaire/inviter/", views.invite, name="invite"),
    path("annuaire/<int:pk>/vcard/", views.coordinator_vcard, name="coordinator-vcard"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept-invitation"),
    path("mon-profil/", views.profile, name="profile"),
    path("mon-profil/mes-donnees.json", views.profile_download, name="profile-download"),
    path("mon-profil/confirmer/", views.profile_confirm, name="profile-confirm"),
    path("mon-profil/supprimer/", views.profile_delete, name="profile-delete"),
    path(
        "mot-de-passe/oublie/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "mot-de-passe/envoye/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/nouveau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/termine/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

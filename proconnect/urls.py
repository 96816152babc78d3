from django.urls import path

from proconnect import views

urlpatterns = [
    path("connexion/", views.LoginStart.as_view(), name="proconnect-login"),
    path("retour/", views.Callback.as_view(), name="proconnect-callback"),
    path("bienvenue/", views.welcome, name="proconnect-welcome"),
    path("deconnexion/retour/", views.logout_return, name="proconnect-logout-return"),
]

from django.urls import path

from essaimage import views

urlpatterns = [
    path("essaimage/fiche/<int:pk>/", views.declare, name="reuse-declare"),
]

from django.urls import path, re_path

from observatory import views

urlpatterns = [
    path("observatoire/", views.observatory, name="observatory"),
    re_path(
        r"^observatoire/(?P<key>[-a-z0-9]+)\.csv$", views.figure_download, name="observatory-csv"
    ),
    re_path(
        r"^observatoire/territoires/(?P<slug>[-a-z0-9]+)/(?P<key>[-a-z0-9]+)\.csv$",
        views.territory_figure_download,
        name="observatory-territory-csv",
    ),
    path("donnees/", views.opendata, name="opendata"),
    path("donnees/datapackage.json", views.opendata_package, name="opendata-package"),
    re_path(
        r"^donnees/(?P<name>[-a-z0-9_]+)\.(?P<extension>csv|json)$",
        views.opendata_file,
        name="opendata-file",
    ),
]

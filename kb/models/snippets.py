"""The shared vocabularies: territories, axes de travail, publics cibles."""

from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class Territory(index.Indexed, models.Model):
    class PorteurType(models.TextChoices):
        COMMUNE = "commune", "Commune"
        EPCI = "epci", "EPCI"
        DEPARTEMENT = "departement", "Département"
        METROPOLE = "metropole", "Métropole"
        COLLECTIVITE = "collectivite_territoriale", "Collectivité territoriale"

    numero = models.PositiveSmallIntegerField("numéro", unique=True)
    name = models.CharField(
        "nom court", max_length=120, help_text="Nom d'usage, par exemple « Grenoble »."
    )
    slug = models.SlugField(unique=True, max_length=120)
    porteur = models.CharField("porteur", max_length=200)
    porteur_type = models.CharField("type de porteur", max_length=30, choices=PorteurType.choices)
    departement = models.CharField("département", max_length=80)
    code_departement = models.CharField("code du département", max_length=3)
    region = models.CharField("région", max_length=80)
    cohort = models.PositiveSmallIntegerField(
        "cohorte", help_text="Année de démarrage de l'expérimentation."
    )
    description = models.TextField("présentation", blank=True)

    panels = [
        FieldRowPanel([FieldPanel("numero"), FieldPanel("name"), FieldPanel("slug")]),
        MultiFieldPanel(
            [FieldPanel("porteur"), FieldPanel("porteur_type"), FieldPanel("cohort")],
            heading="Porteur",
        ),
        MultiFieldPanel(
            [FieldPanel("departement"), FieldPanel("code_departement"), FieldPanel("region")],
            heading="Localisation",
        ),
        FieldPanel("description"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("porteur"),
        index.SearchField("departement"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("region"),
    ]

    class Meta:
        ordering = ["numero"]
        verbose_name = "territoire"
        verbose_name_plural = "territoires"

    def __str__(self) -> str:
        return self.name


class Axis(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField("nom", max_length=120)
    order = models.PositiveSmallIntegerField("ordre", default=0)
    description = models.TextField("description", blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("order"),
        FieldPanel("description"),
    ]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = "axe de travail"
        verbose_name_plural = "axes de travail"

    def __str__(self) -> str:
        return self.name


class Public(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField("nom", max_length=120)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name = "public cible"
        verbose_name_plural = "publics cibles"

    def __str__(self) -> str:
        return self.name

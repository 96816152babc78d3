"""The proposal forms: a fiche, a document.

« Enregistrer le brouillon » asks only for a title; « Proposer » checks every field as the
page would. Files go through Wagtail's own document form (WAGTAILDOCS_DOCUMENT_FORM_BASE: the
admin's extension allow-list, size limit and content sniffing): a refused file stops the
whole form, nothing is stored.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form

from kb.models import Axis, FichePage, Public, Territory
from kb.validators import YEAR_VALIDATORS
from resources.models import ResourcePage

DRAFT = "brouillon"
SUBMIT = "proposer"
MAX_ATTACHMENTS = 5
REQUIRED = "Ce champ est obligatoire pour proposer."


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name (Django's documented recipe)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


def check_document_file(uploaded, collection) -> None:
    """Raise the admin's French message unless Wagtail's document form accepts the file."""
    form_class = get_document_form(get_document_model(), fields=["title", "file"])
    form = form_class(
        data={"title": uploaded.name[:255] or "document", "collection": collection.pk},
        files={"file": uploaded},
    )
    if not form.is_valid():
        errors = form.errors.get("file") or [e for es in form.errors.values() for e in es]
        raise ValidationError(f"« {uploaded.name} » : {' '.join(errors)}")
    uploaded.seek(0)


class ProposalForm(forms.Form):
    """What both proposals share: the action, the title, the classification."""

    title = forms.CharField(label="Titre", max_length=200)
    axis = forms.ModelChoiceField(
        Axis.objects.all(),
        label="Axe de travail",
        to_field_name="slug",
        required=False,
        empty_label="Choisir un axe",
    )
    territories = forms.ModelMultipleChoiceField(
        Territory.objects.order_by("name"),
        label="Territoires concernés",
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    required_to_submit: tuple[str, ...] = ()
    marked: tuple[str, ...] = ()  # required to submit, checked apart

    def __init__(self, *args, collection=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.collection = collection
        self.action = (self.data.get("action") if self.is_bound else None) or SUBMIT
        for name in ("title", *self.required_to_submit, *self.marked):
            self.fields[name].label = f"{self.fields[name].label} *"

    @property
    def submitting(self) -> bool:
        return self.action != DRAFT

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for name in self.required_to_submit:
                if name not in self.errors and cleaned.get(name) in (None, "", [], ()):
                    self.add_error(name, REQUIRED)
        return cleaned

    def stored_data(self) -> dict:
        """What the proposal keeps of the form: JSON, vocabularies by slug."""
        data = {}
        for name, value in self.cleaned_data.items():
            if name in ("attachments", "file"):
                continue
            if isinstance(value, Axis | Territory | Public):
                value = value.slug
            elif hasattr(value, "__iter__") and not isinstance(value, str):
                value = [item.slug for item in value]
            data[name] = value
        return data


class FicheProposalForm(ProposalForm):
    chapo = forms.CharField(
        label="Chapô",
        max_length=600,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Deux ou trois phrases qui résument l'action.",
    )
    body = forms.CharField(
        label="Description de l'action",
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=(
            "Texte simple : laissez une ligne vide entre deux paragraphes. **gras**, *italique*,"
            " listes (« - » en début de ligne) et liens [texte](https://…) sont acceptés."
        ),
    )
    publics = forms.ModelMultipleChoiceField(
        Public.objects.all(),
        label="Publics cibles",
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(
        label="État d'avancement",
        choices=[("", "Choisir un état"), *FichePage.Status.choices],
        required=False,
    )
    year = forms.IntegerField(label="Année", required=False, validators=YEAR_VALIDATORS)
    partners = forms.CharField(
        label="Partenaires",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Un partenaire par ligne (CAF, CPAM, bailleurs…).",
    )
    attachments = MultipleFileField(
        label="Pièces jointes (facultatif)",
        required=False,
        help_text=f"Jusqu'à {MAX_ATTACHMENTS} fichiers : PDF, documents bureautiques, images.",
    )
    required_to_submit = ("chapo", "body", "axis", "territories", "status", "year")

    def __init__(self, *args, attachment_count: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.attachment_count = attachment_count
        self.fields["year"].initial = timezone.localdate().year

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        if len(files) + self.attachment_count > MAX_ATTACHMENTS:
            raise ValidationError(f"Pas plus de {MAX_ATTACHMENTS} pièces jointes par proposition.")
        for uploaded in files:
            check_document_file(uploaded, self.collection)
        return files


class DocumentProposalForm(ProposalForm):
    KINDS = [
        (value, label)
        for value, label in ResourcePage.Kind.choices
        if value != ResourcePage.Kind.VIDEO
    ]

    description = forms.CharField(
        label="Description",
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="À quoi sert ce document, pour qui, dans quel contexte.",
    )
    kind = forms.ChoiceField(
        label="Type de document", choices=[("", "Choisir un type"), *KINDS], required=False
    )
    file = forms.FileField(
        label="Fichier",
        required=False,
        help_text="PDF, documents et présentations bureautiques (ODT, DOCX, PPTX…), tableurs.",
    )
    visibility = forms.ChoiceField(
        label="Qui pourra le lire, une fois publié ?",
        choices=[("membres", "Les membres de la communauté"), ("public", "Tout le monde")],
        initial="membres",
        widget=forms.RadioSelect,
    )
    required_to_submit = ("description", "kind", "axis", "territories")
    marked = ("file",)

    def __init__(self, *args, has_file: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_file = has_file

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is not None:
            check_document_file(uploaded, self.collection)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if (
            self.submitting
            and not self.has_file
            and cleaned.get("file") is None
            and "file" not in self.errors
        ):
            self.add_error("file", "Joignez le document à proposer.")
        return cleaned

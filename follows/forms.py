from django import forms

from follows.models import Frequency
from kb.forms import MAX_ID

FREQUENCY_ERRORS = {"invalid_choice": "Choisissez une fréquence de la liste."}


class FollowForm(forms.Form):
    kind = forms.CharField(max_length=30)
    key = forms.CharField(max_length=200)
    action = forms.ChoiceField(choices=[("follow", "Suivre"), ("stop", "Ne plus suivre")])

    def clean_key(self) -> str:
        """A key names a slug or an id: never a number past what a database id holds."""
        key = self.cleaned_data["key"]
        if not key.isprintable() or (key.lstrip("-").isdigit() and abs(int(key)) > MAX_ID):
            raise forms.ValidationError("Ce contenu n'existe pas.")
        return key


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(
        label="Fréquence des courriels",
        choices=Frequency.choices,
        error_messages=FREQUENCY_ERRORS,
        required=False,
    )
    action = forms.ChoiceField(
        choices=[("save", "Enregistrer"), ("stop", "Arrêter")],
        error_messages={"invalid_choice": "Action inconnue."},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "save" and not cleaned.get("frequency"):
            self.add_error("frequency", "Choisissez une fréquence.")
        return cleaned


class SavedSearchForm(forms.Form):
    name = forms.CharField(
        label="Nom de l'alerte",
        max_length=100,
        error_messages={
            "required": "Donnez un nom à votre alerte.",
            "max_length": "Le nom ne peut pas dépasser 100 caractères.",
        },
    )
    frequency = forms.ChoiceField(
        label="Fréquence des courriels",
        choices=Frequency.choices,
        initial=Frequency.DAILY,
        error_messages=FREQUENCY_ERRORS,
    )
    params = forms.CharField(widget=forms.HiddenInput, required=False, max_length=4000)

    def clean_name(self):
        name = self.cleaned_data["name"].replace("\x00", "").strip()
        if not name:
            raise forms.ValidationError("Donnez un nom à votre alerte.")
        return name


class SavedSearchUpdateForm(FrequencyForm):
    name = forms.CharField(
        label="Nom de l'alerte",
        max_length=100,
        required=False,
        error_messages={"max_length": "Le nom ne peut pas dépasser 100 caractères."},
    )

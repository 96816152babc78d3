from django import forms

from directory.forms import InvitationEntryForm
from kb.models import Territory


class JoinForm(InvitationEntryForm):
    """Accepting one's invitation after a ProConnect sign-in: the directory's entry and consent,
    prefilled with what ProConnect gave, and no password."""


class AccessRequestForm(forms.Form):
    territory = forms.ModelChoiceField(
        label="Votre territoire",
        queryset=Territory.objects.order_by("name"),
        empty_label="Choisissez le territoire pour lequel vous travaillez",
        error_messages={
            "required": "Choisissez votre territoire.",
            "invalid_choice": "Choisissez un territoire de la liste.",
        },
    )
    message = forms.CharField(
        label="Message à l'équipe d'animation (facultatif)",
        help_text="Votre fonction, votre lien avec la démarche Territoires zéro non-recours…",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": "1 000 caractères au plus (%(show_value)d saisis)."},
    )

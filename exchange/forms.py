"""The exchange's forms: French labels and messages; a refused form keeps what was typed."""

import re

from django import forms

from exchange.models import NotificationPreferences, Remontee
from kb.forms import IdsMultipleChoiceField
from kb.markdown import MAX_LENGTH
from kb.models import Axis, Territory

BODY_HELP = (
    "Texte simple : une ligne vide sépare les paragraphes ; *italique*, **gras**, "
    "listes (« - » en début de ligne), liens [texte](https://…). 10 000 caractères au plus."
)


def body_field(label: str = "Votre texte", required: bool = True) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=MAX_LENGTH,
        required=required,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Écrivez votre texte."},
    )


def title_field() -> forms.CharField:
    return forms.CharField(
        label="Titre",
        max_length=200,
        error_messages={"required": "Donnez un titre."},
    )


def axis_field() -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="Axe de travail",
        queryset=Axis.objects.all(),
        empty_label="Choisir un axe",
        error_messages={
            "required": "Choisissez l'axe de travail.",
            "invalid_choice": "Cet axe n'existe pas.",
        },
    )


def territory_field(label: str = "Territoire") -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Territory.objects.order_by("name"),
        empty_label="Choisir un territoire",
        error_messages={
            "required": "Choisissez le territoire.",
            "invalid_choice": "Ce territoire n'existe pas.",
        },
    )


class QuestionForm(forms.Form):
    title = title_field()
    body = body_field("Votre question")
    axis = axis_field()
    territories = IdsMultipleChoiceField(
        label="Territoires concernés",
        queryset=Territory.objects.order_by("name"),
        help_text="Un ou plusieurs (Ctrl ou Cmd pour en choisir plusieurs).",
        error_messages={
            "required": "Choisissez au moins un territoire.",
            "invalid_choice": "Ce territoire n'existe pas.",
            "invalid_pk_value": "Ce territoire n'existe pas.",
        },
    )


class AskForm(QuestionForm):
    """Asking: the page it is about (filled when asked from that page), the Mensuelle."""

    about = forms.CharField(
        label="Fiche, événement ou enregistrement concerné (facultatif)",
        required=False,
        max_length=1000,
        help_text="Adresse de la page, par exemple /fiches/mon-action/.",
    )
    send_to_mensuelle = forms.BooleanField(label="Envoyer à la prochaine Mensuelle", required=False)


class AnswerForm(forms.Form):
    body = body_field("Votre réponse")


class MessageEditForm(forms.Form):
    body = body_field()


class RemonteeForm(forms.Form):
    kind = forms.ChoiceField(
        label="Nature",
        choices=[("", "Choisir")] + list(Remontee.Kind.choices),
        error_messages={
            "required": "Choisissez la nature de la remontée.",
            "invalid_choice": "Cette nature n'existe pas.",
        },
    )
    title = title_field()
    body = body_field("Décrivez le besoin, la difficulté ou l'alerte")
    axis = axis_field()
    territory = territory_field()


class StepForm(forms.Form):
    state = forms.ChoiceField(
        label="Nouvel état",
        choices=[("", "Choisir")] + list(Remontee.State.choices),
        error_messages={
            "required": "Choisissez le nouvel état.",
            "invalid_choice": "Cet état n'existe pas.",
        },
    )
    note = body_field("Note publique (visible des membres)")
    note.error_messages["required"] = "Écrivez la note qui accompagne ce changement d'état."


class SupportForm(forms.Form):
    territory = territory_field("Votre territoire")


class ReportForm(forms.Form):
    reason = forms.CharField(
        label="Pourquoi signalez-vous ce message ?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Dites en quelques mots ce qui pose problème."},
    )


TIME = re.compile(r"^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})$")


class TreatedForm(forms.Form):
    """« Traitée en Mensuelle », and where in the recording (both optional)."""

    recording = forms.CharField(
        label="Enregistrement (facultatif)",
        required=False,
        max_length=1000,
        help_text="Adresse de la page de l'enregistrement, par exemple /ressources/mensuelle-mai/.",
    )
    time = forms.CharField(
        label="Moment dans l'enregistrement (facultatif)",
        required=False,
        max_length=8,
        help_text="Au format mm:ss ou h:mm:ss, par exemple 12:34.",
    )

    def clean_time(self) -> int | None:
        raw = self.cleaned_data["time"].strip()
        if not raw:
            return None
        match = TIME.match(raw)
        if match is None or int(match.group(3)) > 59:
            raise forms.ValidationError("Écrivez le moment au format mm:ss, par exemple 12:34.")
        hours, minutes, seconds = (int(part or 0) for part in match.groups())
        return hours * 3600 + minutes * 60 + seconds


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = NotificationPreferences
        fields = ["answers", "retained", "remontee_states", "new_remontees", "reports"]

    def __init__(self, *args, animator: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not animator:
            for name in ("new_remontees", "reports"):
                del self.fields[name]

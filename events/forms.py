from django import forms

from events.models import Kind, Mode
from kb.forms import read_choices_once, slug_choice_field
from kb.models import Territory


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label="Type", choices=[("", "Tous les types")] + list(Kind.choices), required=False
    )
    territory = slug_choice_field(
        Territory.objects.all(), label="Territoire", empty_label="Tous les territoires"
    )
    mode = forms.ChoiceField(
        label="Format", choices=[("", "Tous les formats")] + list(Mode.choices), required=False
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        read_choices_once(self, ("territory",))

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_bound else {}
        return {
            "kind": data.get("kind") or "",
            "territory": data.get("territory"),
            "mode": data.get("mode") or "",
        }


class RegistrationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("inscrire", "M'inscrire"), ("desinscrire", "Me désinscrire")]
    )

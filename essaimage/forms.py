from django import forms

from essaimage.models import Reuse


class ReuseForm(forms.Form):
    level = forms.ChoiceField(
        label="Où en est votre territoire ?",
        choices=Reuse.Level.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choisissez où en est la reprise."},
    )
    note = forms.CharField(
        label="Note (facultatif)",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ce que vous avez adapté, avec qui, les premiers résultats (1 000 caractères).",
    )

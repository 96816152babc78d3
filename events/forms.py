from django import forms


class RegistrationForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("inscrire", "M'inscrire"), ("desinscrire", "Me désinscrire")]
    )

"""Feedback forms: French labels and messages; a refused form keeps what was typed."""

from datetime import timedelta

from django import forms

from feedback.models import NOTE_MAX, REASON_MAX, Freshness, Level, ProblemReport


class SatisfactionForm(forms.Form):
    level = forms.ChoiceField(
        label="Ce rendez-vous vous a-t-il été utile ?",
        choices=Level.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez l'une des quatre réponses.",
            "invalid_choice": "Choisissez l'une des quatre réponses.",
        },
    )
    comment = forms.CharField(
        label="Un commentaire (facultatif)",
        help_text="Lu par les animateurs seulement, jamais publié. 2 000 caractères au plus.",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": "2 000 caractères au plus (vous en avez écrit %(show_value)d)."
        },
    )


class UsefulForm(forms.Form):
    useful = forms.TypedChoiceField(
        label="Cette page vous a-t-elle été utile ?",
        choices=(("oui", "Oui"), ("non", "Non")),
        coerce=lambda value: value == "oui",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Répondez oui ou non.",
            "invalid_choice": "Répondez oui ou non.",
        },
    )
    reason = forms.CharField(
        label="Pourquoi ? (facultatif)",
        help_text="500 caractères au plus.",
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": "500 caractères au plus (vous en avez écrit %(show_value)d)."
        },
    )


class ProblemForm(forms.Form):
    kind = forms.ChoiceField(
        label="Quel problème ?",
        choices=ProblemReport.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choisissez le type de problème.",
            "invalid_choice": "Choisissez le type de problème.",
        },
    )
    note = forms.CharField(
        label="Précisions (facultatif)",
        help_text="Ce qui a changé, l'erreur, la page en double… 2 000 caractères au plus.",
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": "2 000 caractères au plus (vous en avez écrit %(show_value)d)."
        },
    )


class ReportStateForm(forms.Form):
    state = forms.ChoiceField(
        label="État",
        choices=ProblemReport.State.choices,
        error_messages={"invalid_choice": "Choisissez nouveau, en cours ou traité."},
    )


class ConfirmForm(forms.Form):
    """« Confirmer inchangé », with the review interval (kept as it is unless changed)."""

    interval_months = forms.TypedChoiceField(
        label="Prochaine revue dans",
        choices=[(months, f"{months} mois") for months in (3, 6, 12, 18, 24, 36)],
        coerce=int,
        initial=12,
        error_messages={"invalid_choice": "Choisissez un intervalle de la liste."},
    )

    def __init__(self, *args, freshness: Freshness | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if freshness is not None:
            self.fields["interval_months"].initial = freshness.interval_months


class UsagePeriodForm(forms.Form):
    """The period of the usage page (`du`, `au`, as YYYY-MM-DD): the last 12 weeks unless
    told, 25 months at most (what is kept)."""

    DEFAULT_DAYS = 84
    MAX_DAYS = 762  # 25 months

    du = forms.DateField(
        label="Du", required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"], localize=False
    )
    au = forms.DateField(
        label="Au", required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"], localize=False
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        for name in ("du", "au"):
            self.fields[name].error_messages["invalid"] = (
                "Saisissez une date valide au format AAAA-MM-JJ (par exemple 2026-01-31)."
            )

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        given = [day for day in (cleaned.get("du"), cleaned.get("au")) if day]
        if any(not 2000 <= day.year <= 2100 for day in given):
            raise forms.ValidationError("Choisissez des dates entre 2000 et 2100.")
        until = cleaned.get("au") or self.today
        since = cleaned.get("du") or until - timedelta(days=self.DEFAULT_DAYS - 1)
        if since > until:
            raise forms.ValidationError("La date de début doit précéder la date de fin.")
        if (until - since).days > self.MAX_DAYS:
            raise forms.ValidationError(
                "La période ne peut dépasser 25 mois : les mesures plus anciennes sont effacées."
            )
        cleaned["du"], cleaned["au"] = since, until
        return cleaned

    def error_message(self) -> str:
        return " ".join(message for errors in self.errors.values() for message in errors)

import csv
import io

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.core.validators import MaxLengthValidator, validate_email
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from directory import tasks
from directory.models import Coordinator
from kb.forms import IdsMultipleChoiceField
from kb.models import Territory


class UsernameLengthMixin:
    """Django's login form shows the username's maximum length but does not check it: an
    overlong username would go on to django-axes, which logs failures in 255 characters."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))


class LoginForm(UsernameLengthMixin, AuthenticationForm):
    """/connexion/."""


class AdminLoginForm(UsernameLengthMixin, WagtailLoginForm):
    """/admin/login/ (WAGTAILADMIN_USER_LOGIN_FORM)."""


class ProfileForm(forms.ModelForm):
    """What a member may correct in their own entry, and which fields others see.

    A member's entry is a person's: first and family names are asked for (an entry made
    before they were separate fields gets them at the next correction)."""

    class Meta:
        model = Coordinator
        fields = [
            "given_name",
            "family_name",
            "role",
            "territory",
            "organisation",
            "email",
            "phone",
            "axes",
            "publics",
            "show_organisation",
            "show_email",
            "show_phone",
            "show_expertise",
        ]
        widgets = {
            "axes": forms.CheckboxSelectMultiple,
            "publics": forms.CheckboxSelectMultiple,
        }
        field_classes = {"axes": IdsMultipleChoiceField, "publics": IdsMultipleChoiceField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("given_name", "family_name"):
            self.fields[name].required = True


class InvitationForm(forms.Form):
    territory = forms.ModelChoiceField(
        Territory.objects.all(), label="Territoire", empty_label="Choisir un territoire"
    )
    emails = forms.CharField(
        label="Courriels",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Un ou plusieurs courriels, séparés par des virgules ou des retours à la ligne.",
    )
    csv_file = forms.FileField(
        label="Ou un fichier CSV",
        required=False,
        help_text="Une adresse par ligne (première colonne) ; 500 lignes au plus.",
    )

    MAX_ROWS = 500

    def clean(self):
        cleaned = super().clean()
        candidates = []
        for chunk in (cleaned.get("emails") or "").replace(";", ",").split(","):
            candidates += chunk.split()
        upload = cleaned.get("csv_file")
        if upload:
            if upload.size > 200_000:
                raise forms.ValidationError("Le fichier CSV est trop lourd (200 Ko au plus).")
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError as error:
                raise forms.ValidationError(
                    "Le fichier CSV doit être enregistré en UTF-8."
                ) from error
            dialect = csv.excel
            try:
                dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
            except csv.Error:
                pass
            for row in csv.reader(io.StringIO(text), dialect):
                if row and row[0].strip() and "@" in row[0]:
                    candidates.append(row[0].strip())
        emails, invalid = [], []
        for email in candidates:
            email = email.strip().lower()
            try:
                validate_email(email)
            except forms.ValidationError:
                invalid.append(email)
                continue
            if email not in emails:
                emails.append(email)
        if invalid:
            raise forms.ValidationError(
                "Adresses non valides : %(emails)s.", params={"emails": ", ".join(invalid[:10])}
            )
        if not emails:
            raise forms.ValidationError("Indiquez au moins un courriel, ou un fichier CSV.")
        if len(emails) > self.MAX_ROWS:
            raise forms.ValidationError(f"{self.MAX_ROWS} invitations au plus à la fois.")
        cleaned["email_list"] = emails
        return cleaned


class InvitationEntryForm(forms.Form):
    """The invitee's directory entry and consent: what accepting an invitation asks for when
    an identity provider (ProConnect) already vouches for the address, without a password."""

    given_name = forms.CharField(label="Prénom", max_length=75)
    family_name = forms.CharField(label="Nom de famille", max_length=75)
    role = forms.CharField(label="Fonction", max_length=150)
    organisation = forms.CharField(label="Structure", max_length=200, required=False)
    phone = forms.CharField(label="Téléphone professionnel", max_length=30, required=False)
    show_email = forms.BooleanField(
        label="Montrer mon courriel aux membres", required=False, initial=True
    )
    show_phone = forms.BooleanField(label="Montrer mon téléphone aux membres", required=False)
    consent = forms.BooleanField(
        label=(
            "J'accepte que ces informations figurent dans l'annuaire réservé aux membres "
            "de la communauté apprenante."
        ),
        required=True,
    )


class AcceptInvitationForm(InvitationEntryForm):
    """The invitee's account (password) and directory entry, filled in one step."""

    password1 = forms.CharField(label="Mot de passe", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(
        label="Mot de passe (confirmation)", widget=forms.PasswordInput, strip=False
    )
    field_order = [
        "given_name",
        "family_name",
        "role",
        "organisation",
        "phone",
        "show_email",
        "show_phone",
        "password1",
        "password2",
        "consent",
    ]

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password1")
        if password and password != cleaned.get("password2"):
            self.add_error("password2", "Les deux mots de passe ne sont pas identiques.")
        elif password:
            try:
                password_validation.validate_password(
                    password, User(username=self.email, email=self.email)
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, its e-mail sent by the task queue (directory.tasks)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        tasks.send_password_reset.enqueue(
            context["user"].pk,
            domain=context["domain"],
            site_name=context["site_name"],
            protocol=context["protocol"],
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
        )

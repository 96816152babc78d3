from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from kb.models import Axis, Coordinator, FichePage, Public, Territory
from kb.selectors import alphabetical

# The largest primary key a database column holds (bigint): a larger id names nothing.
MAX_ID = 2**63 - 1


def slug_choice_field(queryset, *, label: str, empty_label: str) -> forms.ModelChoiceField:
    """An optional filter on a vocabulary (territoire, axe, public), by slug in the URL."""
    return forms.ModelChoiceField(
        queryset, label=label, required=False, to_field_name="slug", empty_label=empty_label
    )


def read_choices_once(form: forms.Form, names: tuple[str, ...]) -> None:
    """Rendering a queryset's choices counts it, then reads it: read each list once instead,
    in one plain query (Django's choice iterator opens a server-side cursor on PostgreSQL:
    three round trips and a held, materialised cursor for a few dozen rows)."""
    for name in names:
        field = form.fields[name]
        choice = field.iterator(field).choice
        empty = [] if field.empty_label is None else [("", field.empty_label)]
        field.choices = empty + [choice(obj) for obj in field.queryset]


class FicheFilterForm(forms.Form):
    axis = slug_choice_field(
        Axis.objects.all(), label="Axe de travail", empty_label="Tous les axes"
    )
    territory = slug_choice_field(
        Territory.objects.all(), label="Territoire", empty_label="Tous les territoires"
    )
    public = slug_choice_field(Public.objects.all(), label="Public", empty_label="Tous les publics")
    status = forms.ChoiceField(
        label="État d'avancement",
        choices=[("", "Tous les états")] + list(FichePage.Status.choices),
        required=False,
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        read_choices_once(self, ("axis", "territory", "public"))


class DirectoryFilterForm(forms.Form):
    """The directory filters; field names are the French query parameters of /annuaire/."""

    territoire = slug_choice_field(
        Territory.objects.all(), label="Territoire", empty_label="Tous les territoires"
    )
    region = forms.ChoiceField(label="Région", required=False)
    axe = slug_choice_field(
        Axis.objects.all(), label="Axe d'expertise", empty_label="Tous les axes"
    )
    public = slug_choice_field(Public.objects.all(), label="Public", empty_label="Tous les publics")
    fonction = forms.ChoiceField(label="Fonction", required=False)
    q = forms.CharField(label="Nom ou structure", required=False, max_length=100)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    # Query parameter → keyword argument of kb.selectors.coordinator_list_filtered.
    FILTER_ARGUMENTS = {
        "territoire": "territory",
        "region": "region",
        "axe": "axis",
        "public": "public",
        "fonction": "role",
        "q": "q",
    }

    def __init__(self, *args, **kwargs):
        from kb.selectors import coordinator_role_choices

        super().__init__(*args, **kwargs)
        read_choices_once(self, ("territoire", "axe", "public"))
        empty, *territories = self.fields["territoire"].choices
        territories.sort(key=lambda choice: alphabetical(str(choice[1])))
        self.fields["territoire"].choices = [empty, *territories]
        regions = sorted(set(Territory.objects.values_list("region", flat=True)), key=alphabetical)
        self.fields["region"].choices = [("", "Toutes les régions")] + [(r, r) for r in regions]
        self.fields["fonction"].choices = [("", "Toutes les fonctions")] + [
            (role, role) for role in coordinator_role_choices()
        ]

    def filters(self) -> dict:
        """Keyword arguments for kb.selectors.coordinator_list_filtered."""
        if not self.is_bound:
            return {}
        data = self.cleaned_data
        return {
            "territory": data.get("territoire"),
            "region": data.get("region") or "",
            "axis": data.get("axe"),
            "public": data.get("public"),
            "role": data.get("fonction") or "",
            "q": (data.get("q") or "").strip(),
        }

    def active_filter_labels(self) -> dict[str, str]:
        """Each filter in use, as the person reads it: « Axe d'expertise : Aller-vers »."""
        if not self.is_bound:
            return {}
        labels = {}
        for name in self.FILTER_ARGUMENTS:
            value = self.cleaned_data.get(name)
            if isinstance(value, str):
                value = value.strip()
            if value:
                labels[name] = f"{self.fields[name].label} : {value}"
        return labels

    def active_filters(self) -> dict[str, str]:
        """The filters as given (slugs and strings), for the export audit log."""
        if not self.is_bound:
            return {}
        return {
            name: str(self.data.get(name))
            for name in ("territoire", "region", "axe", "public", "fonction", "q")
            if self.data.get(name)
        }


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


class IdsMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Ids outside what a database integer holds are invalid choices, not a query: SQLite
    raises OverflowError on them."""

    def _check_values(self, value):
        for item in value:
            try:
                out_of_range = abs(int(item)) > MAX_ID
            except (TypeError, ValueError):
                continue  # the parent class reports it
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": str(item)[:40]},
                )
        return super()._check_values(value)


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
        import csv
        import io

        from django.core.validators import validate_email

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


class AcceptInvitationForm(forms.Form):
    """The invitee's account (password) and directory entry, filled in one step."""

    given_name = forms.CharField(label="Prénom", max_length=75)
    family_name = forms.CharField(label="Nom de famille", max_length=75)
    role = forms.CharField(label="Fonction", max_length=150)
    organisation = forms.CharField(label="Structure", max_length=200, required=False)
    phone = forms.CharField(label="Téléphone professionnel", max_length=30, required=False)
    show_email = forms.BooleanField(
        label="Montrer mon courriel aux membres", required=False, initial=True
    )
    show_phone = forms.BooleanField(label="Montrer mon téléphone aux membres", required=False)
    password1 = forms.CharField(label="Mot de passe", widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(
        label="Mot de passe (confirmation)", widget=forms.PasswordInput, strip=False
    )
    consent = forms.BooleanField(
        label=(
            "J'accepte que ces informations figurent dans l'annuaire réservé aux membres "
            "de la communauté apprenante."
        ),
        required=True,
    )

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from django.contrib.auth import password_validation
        from django.contrib.auth.models import User

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

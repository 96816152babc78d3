from django import forms

from kb.models import Axis, FichePage, Public, Territory


class FicheFilterForm(forms.Form):
    axis = forms.ModelChoiceField(
        Axis.objects.all(),
        label="Axe de travail",
        required=False,
        to_field_name="slug",
        empty_label="Tous les axes",
    )
    territory = forms.ModelChoiceField(
        Territory.objects.all(),
        label="Territoire",
        required=False,
        to_field_name="slug",
        empty_label="Tous les territoires",
    )
    public = forms.ModelChoiceField(
        Public.objects.all(),
        label="Public",
        required=False,
        to_field_name="slug",
        empty_label="Tous les publics",
    )
    status = forms.ChoiceField(
        label="État d'avancement",
        choices=[("", "Tous les états")] + list(FichePage.Status.choices),
        required=False,
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("axis", "territory", "public"):
            # Read each list once: rendering a queryset's choices counts it, then reads it.
            self.fields[name].choices = list(iter(self.fields[name].choices))


class DirectoryFilterForm(forms.Form):
    territory = forms.ModelChoiceField(
        Territory.objects.all(),
        label="Territoire",
        required=False,
        to_field_name="slug",
        empty_label="Tous les territoires",
    )
    region = forms.ChoiceField(label="Région", required=False)
    q = forms.CharField(label="Nom ou structure", required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        regions = Territory.objects.order_by("region").values_list("region", flat=True).distinct()
        self.fields["region"].choices = [("", "Toutes les régions")] + [(r, r) for r in regions]

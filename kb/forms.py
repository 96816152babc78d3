"""Form helpers shared by every listing's filters."""

from django import forms


def read_choices_once(form: forms.Form, names: tuple[str, ...]) -> None:
    """Rendering a queryset's choices counts it, then reads it: read each list once instead,
    in one plain query (Django's choice iterator opens a server-side cursor on PostgreSQL:
    three round trips and a held, materialised cursor for a few dozen rows)."""
    for name in names:
        field = form.fields[name]
        choice = forms.models.ModelChoiceIterator(field).choice
        empty = [] if field.empty_label is None else [("", field.empty_label)]
        field.widget.choices = empty + [choice(obj) for obj in field.queryset]

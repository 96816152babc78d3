"""Form helpers shared by every app's forms and listings' filters."""

from django import forms

# The largest primary key a database column holds (bigint): a larger id names nothing.
MAX_ID = 2**63 - 1


def read_choices_once(form: forms.Form, names: tuple[str, ...]) -> None:
    """Rendering a queryset's choices counts it, then reads it: read each list once instead,
    in one plain query (Django's choice iterator opens a server-side cursor on PostgreSQL:
    three round trips and a held, materialised cursor for a few dozen rows)."""
    for name in names:
        field = form.fields[name]
        choice = forms.models.ModelChoiceIterator(field).choice
        empty = [] if field.empty_label is None else [("", field.empty_label)]
        field.widget.choices = empty + [choice(obj) for obj in field.queryset]


class IdsMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Ids outside what a database integer holds are invalid choices, not a query: SQLite
    raises OverflowError on them."""

    def clean(self, value):
        for item in value if isinstance(value, list | tuple) else ():
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
        return super().clean(value)

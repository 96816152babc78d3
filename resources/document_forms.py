"""Wagtail's document form with our upload checks (WAGTAILDOCS_DOCUMENT_FORM_BASE).

Kept apart from forms.py: Wagtail imports it lazily, after the models are loaded.
"""

from wagtail.documents.forms import BaseDocumentForm

from resources.uploads import check_upload


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE) with our upload checks.

    Used by the single and the multiple uploader: a refused file is never stored.
    """

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded is not None and hasattr(uploaded, "content_type"):
            check_upload(uploaded)
        return uploaded

"""The search page's facets: the shared vocabularies (kb.facets), the kind of content, and
the facets the registered sources add; both engines and the page read this one list."""

from kb import searchable
from kb.facets import TAG, VOCABULARY, YEAR, Facet, facet_labels

__all__ = ["Facet", "facet_labels", "facets", "kind_labels"]


def kind_labels() -> dict[str, str]:
    return {source.kind: source.kind_label for source in searchable.sources()}


KIND = Facet("kind", "Type de contenu", kind_labels)


def facets() -> dict[str, Facet]:
    """Kind, the vocabularies, each source's own facets and those apps add to others' documents
    (in the order apps registered them), year and tag."""
    found = [KIND, *VOCABULARY]
    for source in searchable.sources():
        found += [facet for facet in source.facets if facet not in found]
    for extension in searchable.extensions():
        found += [facet for facet in extension.facets if facet not in found]
    return {facet.name: facet for facet in [*found, YEAR, TAG]}

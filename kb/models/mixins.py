from django.db.models import Q
from django.utils.text import slugify
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.coreutils import string_to_ascii
from wagtail.models import Page, PageViewRestriction

from kb import private_api


def ascii_slug(text: str) -> str:
    """« Permanence numérique itinérante à Chemillé » → « permanence-numerique-itinerante-a-
    chemille », « mise en œuvre » → « mise-en-oeuvre »: transliterated, not stripped."""
    return slugify(string_to_ascii(text))


class AsciiSlugPageForm(WagtailAdminPageForm):
    """Transliterates a slug typed with accents before Wagtail checks it is free."""

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        return slug if slug.isascii() else ascii_slug(slug) or slug


class AsciiSlugMixin:
    """Page addresses in ASCII, so a shared link reads as typed (no %C3%A9).

    The admin's slug field fills itself in ASCII (WAGTAIL_ALLOW_UNICODE_SLUGS = False); a slug
    typed with accents is transliterated by the page form (a page's own form must derive
    from AsciiSlugPageForm), one set by code by `full_clean`. A changed slug leaves a
    permanent redirect behind (Wagtail's redirects app, WAGTAILREDIRECTS_AUTO_CREATE).
    """

    base_form_class = AsciiSlugPageForm

    def full_clean(self, *args, **kwargs):
        if self.slug and not self.slug.isascii():
            self.slug = ascii_slug(self.slug) or self.slug
        super().full_clean(*args, **kwargs)


class PageLookupsMixin:
    """Wagtail's routing and view-restriction check in fewer queries, same answers.

    Wagtail reads a child page, then its specific form (two queries per URL segment), then
    the ancestors and their view restrictions (two more). Here a child whose type is known
    is read in its own type at once, and the restrictions in one query.
    """

    def child_class_for_slug(self, slug: str) -> type[Page] | None:
        """The child's page type, when known without reading it (None: ask the database)."""
        child_models = self.specific_class.allowed_subpage_models()
        return child_models[0] if len(child_models) == 1 else None

    def route(self, request, path_components):
        if path_components:
            child_class = self.child_class_for_slug(path_components[0])
            if child_class is not None:
                child = child_class.objects.child_of(self).filter(slug=path_components[0]).first()
                if child is not None:
                    private_api.remember_parent(child, self)
                    return child.route(request, path_components[1:])
            # Unknown type, or a child of another type (created before a rule changed):
            # Wagtail's own routing.
        return super().route(request, path_components)

    def breadcrumb_ancestors(self) -> list[Page]:
        """The ancestors from the home page down: from the routing chain when it reaches the
        home page (no query), else read from the tree."""
        chain, page = [], self
        while (parent := private_api.known_parent(page)) is not None:
            chain.append(parent)
            page = parent
        if chain and chain[-1].depth == 2:
            return chain[::-1]
        return list(self.get_ancestors().filter(depth__gt=1))

    def get_view_restrictions(self):
        """Restrictions on this page and its ancestors, read through their aliases' sources."""
        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        pages = Page.objects.filter(path__in=paths)
        return PageViewRestriction.objects.filter(
            Q(page__in=pages) | Q(page__in=pages.exclude(alias_of=None).values("alias_of"))
        )

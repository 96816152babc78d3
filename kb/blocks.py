"""StreamField blocks shared by every page body; each block has its template and icon."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="Texte", max_length=200)
    level = blocks.ChoiceBlock(
        label="Niveau", choices=[("h2", "Titre 2"), ("h3", "Titre 3")], default="h2"
    )

    class Meta:
        icon = "title"
        label = "Intertitre"
        template = "components/blocks/heading.html"


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="Titre", required=False, max_length=200)
    text = blocks.RichTextBlock(label="Texte", features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "help"
        label = "Mise en avant"
        template = "components/blocks/callout.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="Citation")
    source = blocks.CharBlock(label="Source", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Citation"
        template = "components/blocks/quote.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Document")
    title = blocks.CharBlock(label="Intitulé", required=False, max_length=200)

    class Meta:
        icon = "doc-full"
        label = "Document à télécharger"
        template = "components/blocks/document.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Paragraphe",
        icon="pilcrow",
        features=["bold", "italic", "link", "document-link", "ol", "ul"],
        template="components/blocks/paragraph.html",
    )
    callout = CalloutBlock()
    quote = QuoteBlock()
    image = ImageBlock(label="Image", template="components/blocks/image.html")
    document = DocumentBlock()

"""StreamField blocks shared by every page type. There is deliberately no raw-HTML block."""

from __future__ import annotations

from django.utils.text import slugify
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

INLINE_FEATURES = ["bold", "italic", "link", "document-link", "superscript", "subscript"]
BODY_FEATURES = [*INLINE_FEATURES, "h2", "h3", "h4", "ol", "ul", "hr", "blockquote"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=255)
    level = blocks.ChoiceBlock(choices=[("h2", "Heading 2"), ("h3", "Heading 3")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value["text"])
        # The level becomes the element's name: a value that never went through the form's
        # choice validation (an import, the ORM) must not be able to write markup.
        context["tag"] = value["level"] if value["level"] in {"h2", "h3"} else "h2"
        return context


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, help_text="Defaults to the image's caption.")

    class Meta:
        icon = "image"
        template = "blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/quote.html"


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False)
    text = blocks.RichTextBlock(features=INLINE_FEATURES + ["ul", "ol"])

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    label = blocks.CharBlock(required=False, help_text="Defaults to the document's title.")

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external URL."""

    label = blocks.CharBlock(max_length=100)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Used when no page is chosen.")

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": blocks.BlockValidationError("Choose a page or a URL, not both.")
                }
            )
        return value


class KeyPointBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=INLINE_FEATURES, **kwargs)

    class Meta:
        icon = "list-ul"


class EndnoteBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=INLINE_FEATURES)

    class Meta:
        icon = "pick"


class BodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=BODY_FEATURES)
    heading = HeadingBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    table = blocks.StructBlock(
        [
            ("caption", blocks.CharBlock(required=False)),
            (
                "rows",
                blocks.ListBlock(blocks.ListBlock(blocks.CharBlock(required=False))),
            ),
        ],
        icon="table",
        template="blocks/table.html",
    )

    class Meta:
        template = "blocks/body.html"

"""Blocks specific to publication types."""

from wagtail import blocks

from cms.blocks import BODY_FEATURES


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=300)
    answer = blocks.RichTextBlock(features=BODY_FEATURES)

    class Meta:
        icon = "help"


class AgendaItemBlock(blocks.StructBlock):
    time = blocks.TimeBlock(required=False)
    title = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)

    class Meta:
        icon = "time"

"""StreamField blocks for lessons and quizzes.

Every content block carries its own "generated with AI" mark (Art. 4③): the
template shows a visible text label before such content.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

VIDEO_EXTENSIONS = (".mp4", ".webm", ".ogv")
CAPTION_REQUIRED = _(
    "Add a WebVTT caption file or a transcript: one of them is required."
)
CAPTION_NOT_VTT = _("The caption track must be a WebVTT file (.vtt).")
VIDEO_NOT_VIDEO = _("Upload the video as an MP4, WebM or Ogg file.")
CHOICES_NEED_ONE_CORRECT = _("Mark exactly one choice as correct.")
CHOICES_NEED_CORRECT = _("Mark at least one choice as correct.")
CHOICES_TOO_FEW = _("Give at least two choices.")

AI_MARK_HELP = _("Tick when this content was produced with generative AI (Art. 4③).")
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


def _ai_mark():
    return blocks.BooleanBlock(
        required=False, label=_("generated with AI"), help_text=AI_MARK_HELP
    )


class RichTextBlock(blocks.StructBlock):
    """Text with headings and lists."""

    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("text"))
    generated_with_ai = _ai_mark()

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "courses/blocks/rich_text_block.html"


class ImageBlock(blocks.StructBlock):
    """An image with the alternative text screen readers read out (required)."""

    image = ImageChooserBlock(label=_("image"))
    alt_text = blocks.CharBlock(
        label=_("alternative text"),
        max_length=300,
        help_text=_("Describe what the image shows for people who cannot see it."),
    )
    caption = blocks.CharBlock(required=False, label=_("caption"), max_length=300)
    generated_with_ai = _ai_mark()

    class Meta:
        icon = "image"
        label = _("Image")
        template = "courses/blocks/image_block.html"


class VideoBlock(blocks.StructBlock):
    """An uploaded video (no outside service) with captions or a transcript."""

    video = DocumentChooserBlock(
        label=_("video file"), help_text=_("Upload an MP4 or WebM file as a document.")
    )
    title = blocks.CharBlock(label=_("title"), max_length=200)
    captions = DocumentChooserBlock(
        required=False, label=_("captions (WebVTT)"), help_text=_("A .vtt file.")
    )
    transcript = blocks.RichTextBlock(
        required=False, features=["bold", "italic", "ol", "ul"], label=_("transcript")
    )
    generated_with_ai = _ai_mark()

    class Meta:
        icon = "media"
        label = _("Video")
        template = "courses/blocks/video_block.html"

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        video, captions = value.get("video"), value.get("captions")
        if video and not video.file.name.lower().endswith(VIDEO_EXTENSIONS):
            errors["video"] = ValidationError(VIDEO_NOT_VIDEO)
        if captions and not captions.file.name.lower().endswith(".vtt"):
            errors["captions"] = ValidationError(CAPTION_NOT_VTT)
        transcript = value.get("transcript")
        if not captions and not (transcript and transcript.source.strip()):
            errors["transcript"] = ValidationError(CAPTION_REQUIRED)
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value


class DocumentBlock(blocks.StructBlock):
    """A file to download, such as a handout or the ordinance text."""

    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(required=False, label=_("link text"), max_length=200)
    generated_with_ai = _ai_mark()

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "courses/blocks/document_block.html"


class CalloutBlock(blocks.StructBlock):
    """A boxed note: information, a tip or a warning (named in text, not colour only)."""

    variant = blocks.ChoiceBlock(
        choices=[
            ("info", _("Information")),
            ("tip", _("Tip")),
            ("warning", _("Caution")),
        ],
        default="info",
        label=_("kind"),
    )
    title = blocks.CharBlock(label=_("title"), max_length=200)
    text = blocks.RichTextBlock(
        features=["bold", "italic", "ol", "ul", "link"], label=_("text")
    )
    generated_with_ai = _ai_mark()

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "courses/blocks/callout_block.html"


class LessonStreamBlock(blocks.StreamBlock):
    rich_text = RichTextBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()


# --- Quiz questions ---------------------------------------------------------
# The answer key lives only in these values on the server; templates render
# questions through quiz_questions_public(), which strips it.


class ChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("choice"), max_length=300)
    correct = blocks.BooleanBlock(required=False, label=_("correct"))

    class Meta:
        icon = "tick"
        label = _("Choice")


class _ChoiceQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("question"))
    choices = blocks.ListBlock(ChoiceBlock(), min_num=2, max_num=8, label=_("choices"))
    explanation = blocks.TextBlock(
        required=False,
        label=_("explanation"),
        help_text=_("Shown after the learner submits."),
    )
    single = True

    def clean(self, value):
        value = super().clean(value)
        correct = sum(1 for choice in value["choices"] if choice["correct"])
        if len(value["choices"]) < 2:
            message = CHOICES_TOO_FEW
        elif self.single and correct != 1:
            message = CHOICES_NEED_ONE_CORRECT
        elif not self.single and correct < 1:
            message = CHOICES_NEED_CORRECT
        else:
            return value
        raise StructBlockValidationError(
            block_errors={"choices": ValidationError(message)}
        )


class SingleChoiceQuestionBlock(_ChoiceQuestionBlock):
    single = True

    class Meta:
        icon = "radio-full"
        label = _("Single choice question")


class MultipleChoiceQuestionBlock(_ChoiceQuestionBlock):
    single = False

    class Meta:
        icon = "list-ul"
        label = _("Multiple choice question")


class TrueFalseQuestionBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("statement"))
    answer = blocks.BooleanBlock(required=False, label=_("the statement is true"))
    explanation = blocks.TextBlock(required=False, label=_("explanation"))

    class Meta:
        icon = "help"
        label = _("True / false question")


class QuizStreamBlock(blocks.StreamBlock):
    single_choice = SingleChoiceQuestionBlock()
    multiple_choice = MultipleChoiceQuestionBlock()
    true_false = TrueFalseQuestionBlock()

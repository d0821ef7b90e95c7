"""The page types editors build learning from: the course catalogue, courses,
lessons and quizzes. Courses and the pages below them need a login."""

from decimal import Decimal

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonStreamBlock, QuizStreamBlock

COURSE_CODE_TAKEN = _("Another course already uses this course code.")


class TrainingKind(models.TextChoices):
    BASIC = "basic", _("Basic (기본)")
    PROFESSIONAL = "professional", _("Professional (전문)")
    OTHER = "other", _("Other / self-development (기타)")


class Delivery(models.TextChoices):
    CLASSROOM = "classroom", _("Classroom (집합)")
    ELEARNING = "elearning", _("E-learning (이러닝)")
    BLENDED = "blended", _("Blended (혼합)")
    INDIVIDUAL = "individual", _("Individual (개인학습)")


class LoginRequiredPageMixin:
    """Course material is for staff: anonymous visitors are sent to log in."""

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)


class LearnerContextMixin:
    """Adds the learner's data (progress, enrolment, attempts) to the page.

    A selector in ``courses.selectors`` reads it. Selectors import the models,
    so the page names its reader by dotted path, as a URLconf or a setting
    would, instead of importing it: the models stay the bottom layer."""

    learner_context = ""  # dotted path of a selector returning a dict
    learner_context_argument = ""  # the keyword the selector takes the page as

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        reader = import_string(self.learner_context)
        arguments = {self.learner_context_argument: self, "user": request.user}
        context.update(reader(**arguments))
        return context


class _TypedChildRouteMixin:
    """Route to a child with one query that already returns the specific page
    (Wagtail's default costs two per level: the base row, then .specific)."""

    child_page_models: tuple = ()

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        slug, remaining = path_components[0], path_components[1:]
        for model in self.child_page_models:
            child = model.objects.filter(
                path__startswith=self.path, depth=self.depth + 1, slug=slug
            ).first()
            if child is not None:
                child.parent_page_cache = self
                return child.route(request, remaining)
        return super().route(request, path_components)


class CourseIndexPage(LearnerContextMixin, _TypedChildRouteMixin, Page):
    """The catalogue: every published course, with the learner's status."""

    learner_context = "courses.selectors.catalogue_view_for_user"
    learner_context_argument = "index_page"

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["courses.CoursePage"]
    max_count = 1

    @property
    def child_page_models(self):
        return (CoursePage,)

    class Meta:
        verbose_name = _("course catalogue")


class CoursePage(
    LoginRequiredPageMixin, LearnerContextMixin, _TypedChildRouteMixin, Page
):
    """A course: lessons and a quiz below it; what completing it earns."""

    learner_context = "courses.selectors.course_view_for_user"
    learner_context_argument = "course"

    course_code = models.CharField(
        _("course code"),
        max_length=30,
        blank=True,
        help_text=_("The code the HR system knows the course by (used in exports)."),
    )
    summary = models.TextField(_("summary"))
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("cover image"),
    )
    topics = ParentalManyToManyField(
        "courses.Topic", blank=True, related_name="courses", verbose_name=_("topics")
    )
    recognised_hours = models.DecimalField(
        _("recognised learning hours"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("1"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_(
            "Hours credited as continuous learning (상시학습), not the length."
        ),
    )
    provider = models.CharField(
        _("provider"), max_length=100, blank=True, help_text=_("Who runs the course.")
    )
    training_kind = models.CharField(
        _("training kind"),
        max_length=20,
        choices=TrainingKind.choices,
        default=TrainingKind.BASIC,
    )
    delivery = models.CharField(
        _("delivery"),
        max_length=20,
        choices=Delivery.choices,
        default=Delivery.ELEARNING,
    )
    mandatory = models.BooleanField(_("mandatory"), default=False)
    nomination_required = models.BooleanField(
        _("nomination required"),
        default=False,
        help_text=_("Only staff nominated by HR may enrol (Art. 15③)."),
    )
    certificate_validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the certificate never expires."),
    )
    contains_generative_ai = models.BooleanField(
        _("contains generative-AI content"),
        default=False,
        help_text=_("Learners are told before the content (Art. 4③)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldPanel("course_code"),
                FieldPanel("recognised_hours"),
                FieldPanel("provider"),
                FieldPanel("training_kind"),
                FieldPanel("delivery"),
                FieldPanel("mandatory"),
                FieldPanel("nomination_required"),
                FieldPanel("certificate_validity_months"),
                FieldPanel("contains_generative_ai"),
            ],
            heading=_("Completion and records"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage", "courses.QuizPage"]

    @property
    def child_page_models(self):
        return (LessonPage, QuizPage)

    class Meta:
        verbose_name = _("course")

    def clean(self):
        super().clean()
        if self.course_code:
            clash = CoursePage.objects.filter(course_code=self.course_code)
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"course_code": COURSE_CODE_TAKEN})


class LessonPage(LoginRequiredPageMixin, LearnerContextMixin, Page):
    """One lesson of a course. The learner marks it finished at the end."""

    learner_context = "courses.selectors.lesson_view_for_user"
    learner_context_argument = "lesson"

    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=10, validators=[MaxValueValidator(600)]
    )
    generated_with_ai = models.BooleanField(
        _("generated with AI"),
        default=False,
        help_text=_("Tick when this whole lesson was produced with generative AI."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("estimated_minutes"),
        FieldPanel("generated_with_ai"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("body")]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    @property
    def has_ai_content(self) -> bool:
        return self.generated_with_ai or any(
            block.value.get("generated_with_ai") for block in self.body
        )


class QuizPage(LoginRequiredPageMixin, LearnerContextMixin, Page):
    """The course's assessment. Scored on the server; the key never reaches the
    browser before the learner submits."""

    learner_context = "courses.selectors.quiz_view_for_user"
    learner_context_argument = "quiz"

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "ol", "ul"]
    )
    questions = StreamField(QuizStreamBlock(), verbose_name=_("questions"))
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=60,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, help_text=_("0 means unlimited.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        help_text=_("Optional. Learners can extend it (accessibility)."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("pass_mark"),
        FieldPanel("attempts_allowed"),
        FieldPanel("time_limit_minutes"),
        FieldPanel("questions"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("quiz")

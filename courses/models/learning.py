"""What learners do and what it leaves behind: training cycles and the topics owed in
them, enrolments, lesson progress, quiz attempts, completions, survey answers and
the reminder log."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from lms.models import AppendOnlyModel


class TrainingCycle(models.Model):
    """A training year: every active staff member must cover the five topics
    by the due date. HR edits it in the admin."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=100, blank=True)
    due_on = models.DateField(_("due date"))
    hours_target = models.DecimalField(
        _("yearly learning-hours target"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("100"),
        help_text=_(
            "Continuous-learning hours each staff member should reach this year."
        ),
    )
    reminder_days = models.PositiveSmallIntegerField(
        _("first reminder (days before due)"), default=30
    )

    class Meta:
        verbose_name = _("training cycle")
        verbose_name_plural = _("training cycles")
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title or f"{self.year}"


class TopicAssignment(models.Model):
    """A staff member owes a topic in a cycle (created for every active staff member)."""

    cycle = models.ForeignKey(
        TrainingCycle, on_delete=models.CASCADE, related_name="assignments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="topic_assignments",
    )
    topic = models.ForeignKey(
        "courses.Topic", on_delete=models.PROTECT, related_name="assignments"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("topic assignment")
        verbose_name_plural = _("topic assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "user", "topic"], name="topic_assignment_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} – {self.topic_id} ({self.cycle_id})"


class EnrolmentSource(models.TextChoices):
    SELF = "self", _("Self-enrolled")
    ASSIGNED = "assigned", _("Assigned by HR")
    NOMINATED = "nominated", _("Nominated by HR (Art. 15③)")


class Enrolment(models.Model):
    """A staff member taking a course in a cycle."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("staff member"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        on_delete=models.CASCADE,
        related_name="enrolments",
        verbose_name=_("course"),
    )
    cycle = models.ForeignKey(
        TrainingCycle,
        on_delete=models.PROTECT,
        related_name="enrolments",
        verbose_name=_("cycle"),
    )
    source = models.CharField(
        _("how"),
        max_length=20,
        choices=EnrolmentSource.choices,
        default=EnrolmentSource.SELF,
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enrolled_at = models.DateTimeField(_("enrolled"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        permissions = [
            ("assign_enrolment", _("Can assign or nominate staff to courses"))
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "cycle"], name="enrolment_once_per_cycle"
            ),
        ]
        indexes = [models.Index(fields=["user", "cycle"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.course_id} ({self.cycle_id})"


class LessonProgress(models.Model):
    """A lesson the learner finished in an enrolment, recorded once."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(
        "courses.LessonPage", on_delete=models.CASCADE, related_name="+"
    )
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="lesson_done_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} – {self.lesson_id}"


class QuizAttempt(models.Model):
    """One try at a quiz. Answers are scored on the server at submission."""

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    quiz = models.ForeignKey(
        "courses.QuizPage", on_delete=models.CASCADE, related_name="+"
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(auto_now_add=True)
    deadline = models.DateTimeField(null=True, blank=True)
    extensions = models.PositiveSmallIntegerField(default=0)
    submitted_at = models.DateTimeField(null=True, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True)
    passed = models.BooleanField(_("passed"), default=False)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"], name="quiz_attempt_number_once"
            ),
            # At most one open attempt per learner and quiz.
            models.UniqueConstraint(
                fields=["enrolment", "quiz"],
                condition=Q(submitted_at__isnull=True),
                name="quiz_one_open_attempt",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz_id} #{self.number}"


class Completion(models.Model):
    """A finished course: when, in which cycle, how many hours were recognised
    and which published revision of the course was studied."""

    # The record outlives the course page and its enrolment (snapshot fields).
    enrolment = models.OneToOneField(
        Enrolment, null=True, on_delete=models.SET_NULL, related_name="completion"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="completions",
        verbose_name=_("staff member"),
    )
    course = models.ForeignKey(
        "courses.CoursePage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="completions",
        verbose_name=_("course"),
    )
    course_title = models.CharField(_("course title"), max_length=255)
    course_code = models.CharField(_("course code"), max_length=30, blank=True)
    provider = models.CharField(_("provider"), max_length=100, blank=True)
    cycle = models.ForeignKey(
        TrainingCycle,
        on_delete=models.PROTECT,
        related_name="completions",
        verbose_name=_("cycle"),
    )
    topics = models.ManyToManyField(
        "courses.Topic",
        related_name="completions",
        blank=True,
        verbose_name=_("topics"),
    )
    started_on = models.DateField(_("started"))
    completed_at = models.DateTimeField(_("completed"))
    recognised_hours = models.DecimalField(
        _("recognised hours"), max_digits=4, decimal_places=1
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("revision studied"),
    )

    class Meta:
        verbose_name = _("completion")
        verbose_name_plural = _("completions")
        ordering = ["-completed_at"]
        indexes = [models.Index(fields=["user", "cycle"])]

    def __str__(self) -> str:
        return f"{self.course_title} ({self.completed_at:%Y-%m-%d})"


RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class SurveyResponse(models.Model):
    """Satisfaction after a course (Art. 20). Reported only in aggregate: the
    user is kept solely to allow one answer per person, course and cycle."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="survey_responses"
    )
    cycle = models.ForeignKey(TrainingCycle, on_delete=models.PROTECT, related_name="+")
    overall = models.PositiveSmallIntegerField(
        _("overall satisfaction"), choices=RATING_CHOICES
    )
    content = models.PositiveSmallIntegerField(
        _("usefulness for my work"), choices=RATING_CHOICES
    )
    clarity = models.PositiveSmallIntegerField(
        _("clarity of the material"), choices=RATING_CHOICES
    )
    accessibility = models.PositiveSmallIntegerField(
        _("ease of use and accessibility"), choices=RATING_CHOICES
    )
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "cycle"], name="survey_once_per_cycle"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course_id} ({self.cycle_id})"


class ReminderLog(AppendOnlyModel):
    """A reminder e-mail sent to a staff member about a cycle, so that the
    daily job does not repeat itself within the interval."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    cycle = models.ForeignKey(TrainingCycle, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    overdue = models.BooleanField(default=False)

    class Meta:
        indexes = [models.Index(fields=["cycle", "user", "sent_on"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.sent_on}"

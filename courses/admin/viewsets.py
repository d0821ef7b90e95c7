"""Learning's admin viewsets: the Art. 14② topics (a snippet) and the "Learning"
menu of training cycles, enrolments and completions."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.snippets.views.snippets import DeleteView as SnippetDeleteView
from wagtail.snippets.views.snippets import SnippetViewSet

from courses.models import Completion, Enrolment, Topic, TrainingCycle
from lms.admin_display import LabelledInspectView, ListingQuerysetMixin

TOPIC_IN_USE = _(
    "This topic is used by courses, assignments or completions and cannot be deleted. "
    "You can rename it instead."
)


class TopicDeleteView(SnippetDeleteView):
    """Refuses to delete a topic that courses, assignments or completions use; it can
    be renamed instead."""

    def dispatch(self, request, *args, **kwargs):
        topic = Topic.objects.filter(pk=kwargs.get("pk")).first()
        if topic is not None and _topic_in_use(topic):
            messages.error(request, TOPIC_IN_USE)
            return redirect(self.index_url_name)
        return super().dispatch(request, *args, **kwargs)


def _topic_in_use(topic: Topic) -> bool:
    return (
        topic.courses.exists()
        or topic.assignments.exists()
        or topic.completions.exists()
    )


class TopicViewSet(SnippetViewSet):
    """The Art. 14② topics, listed under Snippets: editors reword them; a topic in use
    cannot be deleted."""

    model = Topic
    icon = "tag"
    menu_label = _("Topics (Art. 14②)")
    list_display = ["code", "name", "sort_order"]
    delete_view_class = TopicDeleteView
    copy_view_enabled = False


class TrainingCycleViewSet(ModelViewSet):
    """The training years with due date, hours target and first reminder; HR adds and
    edits them."""

    model = TrainingCycle
    icon = "date"
    menu_label = _("Training cycles")
    form_fields = ["year", "title", "due_on", "hours_target", "reminder_days"]
    list_display = ["year", "title", "due_on", "hours_target"]
    inspect_view_enabled = True
    copy_view_enabled = False


class EnrolmentInspectView(LabelledInspectView):
    field_labels = {"assigned_by": _("assigned by")}

    def get_page_subtitle(self):
        e = self.object
        return f"{e.user} – {e.course.title} ({e.cycle})"


class CompletionInspectView(LabelledInspectView):
    def get_revision_display_value(self):
        # Wagtail names a revision in English ("… at <UTC time>"): the time
        # of the published version studied says the same, in local time.
        revision = self.object.revision
        if revision is None:
            return "—"
        return date_format(timezone.localtime(revision.created_at), "Y. n. j. H:i")


class EnrolmentViewSet(ListingQuerysetMixin, ModelViewSet):
    """Who is enrolled in what, for HR and auditors to read; learners enrol themselves
    or HR uses "Assign a course"."""

    model = Enrolment
    icon = "user"
    menu_label = _("Enrolments")
    list_display = ["user", "course", "cycle", "source", "enrolled_at", "completed_at"]
    list_filter = ["cycle", "source", "course"]
    search_fields = ["user__staff_profile__name", "user__staff_profile__staff_number"]
    # Enrolments are made by learners or by HR's "assign" view, not edited here.
    form_fields = ["source"]
    inspect_view_enabled = True
    inspect_view_class = EnrolmentInspectView
    copy_view_enabled = False

    def listing_queryset(self):
        return Enrolment.objects.select_related(
            "user__staff_profile", "course", "cycle"
        )


class CompletionViewSet(ListingQuerysetMixin, ModelViewSet):
    """Completed courses and the hours recognised, for HR and auditors to read."""

    model = Completion
    icon = "tick-inverse"
    menu_label = _("Completions")
    list_display = ["user", "course_title", "cycle", "completed_at", "recognised_hours"]
    list_filter = ["cycle"]
    search_fields = ["course_title", "user__staff_profile__name"]
    # Records: roles get the view permission only.
    form_fields = ["recognised_hours"]
    inspect_view_enabled = True
    inspect_view_class = CompletionInspectView
    # The enrolment is an internal link; its course, person and cycle are shown.
    inspect_view_fields_exclude = ["enrolment"]
    copy_view_enabled = False

    def listing_queryset(self):
        return Completion.objects.select_related("user__staff_profile", "cycle")


class LearningViewSetGroup(ViewSetGroup):
    """The "Learning" menu: training cycles, enrolments and completions."""

    menu_label = _("Learning")
    menu_name = "learning"
    menu_icon = "doc-full-inverse"
    menu_order = 240
    items = (
        TrainingCycleViewSet("cycles"),
        EnrolmentViewSet("enrolments"),
        CompletionViewSet("completions"),
    )

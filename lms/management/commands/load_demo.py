"""``manage.py load_demo``: the demo organisation, courses and accounts, from each
app's loader in ``LMS_DEMO_LOADERS``; refused unless ``LMS_DEMO_ALLOWED``."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from lms.app_settings import app_settings

DEMO_REFUSED = (
    "load_demo is refused under production settings: it writes known passwords. "
    "운영 설정에서는 데모 데이터를 만들 수 없습니다."
)


class Command(BaseCommand):
    help = (
        "Load the demo organisation, courses and accounts (password demo-pass-2026). "
        "Idempotent; refused in production."
    )

    def handle(self, *args, **options):
        if not app_settings.DEMO_ALLOWED:
            raise CommandError(DEMO_REFUSED)
        # Each app contributes its part through a setting, so the core never
        # imports the apps built on it.
        for dotted in app_settings.DEMO_LOADERS:
            import_string(dotted)(log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready. Accounts (password {app_settings.DEMO_PASSWORD}):"
            )
        )
        for email in DEMO_ACCOUNTS:
            self.stdout.write(f"  {email}")


DEMO_ACCOUNTS = (
    "learner@example.com  (학습자 learner)",
    "head@example.com     (부서장 department head)",
    "hr@example.com       (교육담당 training officer)",
    "editor@example.com   (콘텐츠 편집자 content editor)",
    "auditor@example.com  (감사 auditor)",
)

"""``manage.py verify_claim_events``: recomputes the claims' hash-chained event trail
and fails at the first event that is missing, changed or unlinked."""

from django.core.management.base import BaseCommand, CommandError

from certificates.support.services.events import claim_events_verify


class Command(BaseCommand):
    help = (
        "Check that the expense claims' audit trail is whole and unchanged "
        "(hash chain). 경비 지원 이력의 위·변조 여부를 확인합니다."
    )

    def handle(self, *args, **options):
        report = claim_events_verify()
        if not report.intact:
            raise CommandError(
                f"Audit trail broken at event {report.broken_at}: {report.problem}. "
                f"이력 {report.broken_at}번에서 위·변조가 확인되었습니다."
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Audit trail intact: {report.checked} events. "
                f"이력 {report.checked}건이 온전합니다."
            )
        )

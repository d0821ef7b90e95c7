"""``manage.py import_staff FILE.xlsx``: the HR system's staff export, with a dry run;
``--invite --by LOGIN`` then mails the new people their set-password link."""

import sys
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from lms.models import EmploymentStatus, StaffProfile
from lms.models.organisation import EMPLOYMENT_STATUS_OFFICIAL_NAMES
from lms.services.invitations import (
    INVITE_PERMISSION,
    InvitationResult,
    staff_invitations_send,
)
from lms.services.staff_import import (
    ImportPlan,
    StaffImportFileError,
    staff_import_apply,
    staff_import_plan,
)


class Command(BaseCommand):
    help = (
        "Import staff from the HR system's export (.xlsx: 직원번호, 성명, 소속, 직급, "
        "직렬, 이메일, 재직상태). Rows with errors are skipped and the others applied; "
        "--strict applies nothing when a row fails. Staff missing from the file are "
        "set to retired only with --deactivate-missing (use it for a full export). "
        "--invite --by LOGIN mails the new people a link to set their password, in "
        "the name of LOGIN (an HR officer). Output is in Korean unless --lang en."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the HR export (.xlsx)")
        parser.add_argument(
            "--dry-run", action="store_true", help="show the plan, write nothing"
        )
        missing = parser.add_mutually_exclusive_group()
        missing.add_argument(
            "--deactivate-missing",
            dest="deactivate_missing",
            action="store_true",
            default=False,
            help="set staff in service or on leave who are not in the file to retired",
        )
        missing.add_argument(
            "--keep-missing",
            dest="deactivate_missing",
            action="store_false",
            help="leave staff who are not in the file as they are (default)",
        )
        parser.add_argument(
            "--strict",
            action="store_true",
            help="apply nothing if any row has an error",
        )
        parser.add_argument(
            "--invite",
            action="store_true",
            help="after applying, mail the new people a link to set their password",
        )
        parser.add_argument(
            "--by",
            metavar="LOGIN",
            help="with --invite: the e-mail address or staff number of the HR "
            "officer who sends the invitations",
        )
        parser.add_argument(
            "--lang",
            default="ko",
            choices=[code for code, _name in settings.LANGUAGES],
            help="language of the output (default ko)",
        )

    def handle(self, *args, **options):
        with translation.override(options["lang"]):
            self._run(options)

    def _run(self, options):
        verbose = options["verbosity"] >= 1
        progress = self._progress if verbose else None
        if not Path(options["file"]).is_file():
            raise CommandError(f"파일이 없습니다 / No such file: {options['file']}")
        inviter = _inviter(options["by"]) if options["invite"] else None
        try:
            plan = staff_import_plan(
                workbook=options["file"],
                deactivate_missing=options["deactivate_missing"],
                strict=options["strict"],
                progress=progress,
            )
        except StaffImportFileError as error:
            raise CommandError(_bilingual(error)) from error
        self._print_plan(plan, details=verbose)
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was written."))
            return
        if not plan.will_apply:
            raise CommandError(
                _("Strict mode: %(rows)s rows have errors, nothing was applied.")
                % {"rows": plan.error_rows}
            )
        result = staff_import_apply(plan=plan, progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Applied: %(created)s created, %(updated)s updated, "
                    "%(deactivated)s set to retired, %(unchanged)s unchanged; "
                    "%(skipped)s rows with errors skipped."
                )
                % {
                    "created": result.created,
                    "updated": result.updated,
                    "deactivated": result.deactivated,
                    "unchanged": result.unchanged,
                    "skipped": result.skipped_rows,
                }
            )
        )
        if inviter is not None:
            new_people = StaffProfile.objects.filter(
                staff_number__in=[row.staff_number for row in plan.creates]
            ).select_related("user")
            self._print_invitations(
                staff_invitations_send(actor=inviter, profiles=new_people)
            )

    def _print_invitations(self, result: InvitationResult) -> None:
        self.stdout.write(
            _(
                "Invitations: %(sent)s sent, %(failed)s not taken by the mail server; "
                "%(without_email)s without an e-mail address, %(with_password)s "
                "with a password already, %(inactive)s retired."
            )
            % {
                "sent": result.sent,
                "failed": result.failed,
                "without_email": result.without_email,
                "with_password": result.with_password,
                "inactive": result.inactive,
            }
        )
        if result.failed:
            raise CommandError(
                _(
                    "Some invitations were not sent: send them again from "
                    "Organisation → Invitations in the admin."
                )
            )

    def _progress(self, stage: str, count: int) -> None:
        label = _("reading") if stage == "read" else _("writing")
        sys.stderr.write(f"… {label}: {count:,}\n")

    def _print_plan(self, plan: ImportPlan, *, details: bool) -> None:
        write = self.stdout.write
        write(
            _(
                "Rows read: %(rows)s · to create: %(creates)s · to update: %(updates)s "
                "· unchanged: %(unchanged)s · to set to retired: %(deactivations)s "
                "· rows with errors (skipped): %(errors)s"
            )
            % {
                "rows": plan.rows_read,
                "creates": len(plan.creates),
                "updates": len(plan.updates),
                "unchanged": len(plan.unchanged),
                "deactivations": len(plan.deactivations),
                "errors": plan.error_rows,
            }
        )
        if plan.missing and not plan.deactivations:
            write(
                _(
                    "%(count)s staff in service or on leave are not in the file; they "
                    "are kept (use --deactivate-missing for a full export)."
                )
                % {"count": len(plan.missing)}
            )
        if not details:
            return
        for row in plan.creates:
            write(
                f"+ {row.staff_number} {row.name}: {row.department_name}, "
                f"{row.grade_name}, {row.status_name}"
            )
        for update in plan.updates:
            changes = "; ".join(
                f"{c.column} {c.old} → {c.new}" if c.old or c.new else c.column
                for c in update.changes
            )
            write(f"~ {update.row.staff_number} {update.row.name}: {changes}")
        retired = EMPLOYMENT_STATUS_OFFICIAL_NAMES[EmploymentStatus.RETIRED]
        for missing in plan.deactivations:
            write(
                f"- {missing.staff_number} {missing.name}: "
                f"{missing.status_name} → {retired}"
            )
        if plan.deactivate_missing:
            for missing in plan.missing:
                if missing.kept_because:
                    write(
                        f"= {missing.staff_number} {missing.name}: "
                        f"{missing.kept_because}"
                    )
        for error in plan.errors:
            write(
                _("Row %(row)s, column %(column)s: %(message)s")
                % {"row": error.row, "column": error.column, "message": error.message}
            )


def _inviter(login: str | None):
    """The HR officer named by ``--by``, checked before anything is written."""
    if not login:
        raise CommandError(
            "--invite에는 --by(보내는 교육담당자의 이메일 또는 직원번호)가 필요합니다 / "
            "--invite needs --by (the sending HR officer's e-mail or staff number)"
        )
    user = (
        get_user_model()
        .objects.filter(Q(email__iexact=login) | Q(username=login), is_active=True)
        .first()
    )
    if user is None or not user.has_perm(INVITE_PERMISSION):
        raise CommandError(
            f"{login}: 초대 메일을 보낼 권한이 있는 계정이 아닙니다 / "
            "not an account that may send invitations"
        )
    return user


def _bilingual(error: StaffImportFileError) -> str:
    with translation.override("ko"):
        korean = error.message
    with translation.override("en"):
        english = error.message
    return korean if korean == english else f"{korean} / {english}"

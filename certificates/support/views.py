"""The learner's expense claims (Art. 15④) and the department head's queue.

Claims of other people are 404, never 403: their existence is not shown.
Every change goes through certificates/support/services/; a ``ClaimError``
is shown to the person as it is."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from certificates.support.forms import (
    ClaimDetailsForm,
    ClaimItemForm,
    ClaimStartForm,
    ReasonForm,
)
from certificates.support.models import (
    ClaimItem,
    ClaimStatus,
    ExpenseClaim,
)
from certificates.support.selectors import (
    claim_checks,
    claim_history_rows,
    claims_visible_to,
    yearly_cap_for,
)
from certificates.support.services import (
    DECIDABLE,
    EDITABLE,
    REASON_REQUIRED,
    ClaimError,
    claim_draft_create,
    claim_head_confirm,
    claim_item_add,
    claim_item_remove,
    claim_return,
    claim_submit,
    claim_update,
    claim_withdraw,
)
from certificates.uploads import uploaded_file
from lms.downloads import PrivateFile, private_download
from lms.models import AccessKind
from lms.roles import user_role_keys
from lms.selectors import department_subtree_for_head

CLAIM_RELATED = (
    "category",
    "department",
    "certificate",
    "qualification__qualification",
    "claimant__staff_profile",
)


def _is_head(user) -> bool:
    return "head" in user_role_keys(user)


# --- The claimant -------------------------------------------------------------------


def _own_claim(request, pk: int) -> ExpenseClaim:
    return get_object_or_404(
        ExpenseClaim.objects.select_related(*CLAIM_RELATED),
        pk=pk,
        claimant=request.user,
    )


@login_required
def claim_list(request):
    claims = (
        ExpenseClaim.objects.filter(claimant=request.user)
        .select_related("category", "certificate", "qualification__qualification")
        .order_by("-created_at")
    )
    year = timezone.localdate().year
    return TemplateResponse(
        request,
        "certificates/support/claim_list.html",
        {
            "claims": claims,
            "cap": yearly_cap_for(user=request.user, year=year),
            "is_head": _is_head(request.user),
        },
    )


@login_required
def claim_new(request):
    """Each basis with its deadline and standing, and the yearly cap, before
    a draft exists; a basis the rules refuse cannot be chosen."""
    form = ClaimStartForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            claim = claim_draft_create(
                claimant=request.user,
                category=form.cleaned_data["category"],
                **form.cleaned_data["basis"],
            )
        except ClaimError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Your draft is saved. Add the expenses with receipts.")
            )
            return redirect("learner_claim_detail", pk=claim.pk)
    return TemplateResponse(
        request,
        "certificates/support/claim_new.html",
        {
            "form": form,
            "start": form.start,
            "has_basis": bool(form.start.options),
        },
    )


def _detail_response(request, claim, *, item_form=None, details_form=None, status=200):
    editable = claim.status in EDITABLE
    context = {
        "claim": claim,
        "items": claim.items.all(),
        "editable": editable,
        "withdrawable": claim.status in DECIDABLE,
        "history": claim_history_rows(claim, show_names=False),
        "last_return": claim.events.filter(to_status=ClaimStatus.RETURNED).last()
        if claim.status == ClaimStatus.RETURNED
        else None,
    }
    if editable:
        context.update(claim_checks(claim))
        context["item_form"] = item_form or ClaimItemForm(prefix="item")
        context["details_form"] = details_form or ClaimDetailsForm(
            initial={
                "category": claim.category_id,
                "attested": claim.attested_no_other_funding,
            }
        )
    return TemplateResponse(
        request, "certificates/support/claim_detail.html", context, status=status
    )


@login_required
def claim_detail(request, pk):
    return _detail_response(request, _own_claim(request, pk))


@login_required
@require_POST
def claim_item_create(request, pk):
    claim = _own_claim(request, pk)
    form = ClaimItemForm(request.POST, request.FILES, prefix="item")
    if not form.is_valid():
        return _detail_response(request, claim, item_form=form, status=400)
    receipt = form.cleaned_data["receipt"]
    try:
        claim_item_add(
            claim=claim,
            kind=form.cleaned_data["kind"],
            amount=form.cleaned_data["amount"],
            description=form.cleaned_data["description"],
            receipt=receipt,
            receipt_content_type=receipt.content_type,
        )
    except ClaimError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The expense was added."))
    return redirect("learner_claim_detail", pk=claim.pk)


@login_required
@require_POST
def claim_item_delete(request, pk, item_pk):
    claim = _own_claim(request, pk)
    # The item must be this claim's: the service deletes the receipt it is given.
    item = get_object_or_404(ClaimItem, pk=item_pk, claim=claim)
    try:
        claim_item_remove(claim=claim, item=item)
    except ClaimError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The expense was removed."))
    return redirect("learner_claim_detail", pk=claim.pk)


@login_required
@require_POST
def claim_save(request, pk):
    """Save the category and the attestation; with "submit", submit too."""
    claim = _own_claim(request, pk)
    form = ClaimDetailsForm(request.POST)
    if not form.is_valid():
        return _detail_response(request, claim, details_form=form, status=400)
    try:
        claim = claim_update(
            claim=claim,
            category=form.cleaned_data["category"],
            attested=form.cleaned_data["attested"],
        )
    except ClaimError as error:
        messages.error(request, str(error))
        return redirect("learner_claim_detail", pk=claim.pk)
    if "submit" not in request.POST:
        messages.success(request, _("Your draft is saved."))
        return redirect("learner_claim_detail", pk=claim.pk)
    try:
        claim_submit(claim=claim, actor=request.user)
    except ClaimError as error:
        form.add_error(None, str(error))
        return _detail_response(request, claim, details_form=form, status=400)
    messages.success(request, _("Your claim was submitted."))
    return redirect("learner_claim_detail", pk=claim.pk)


@login_required
@require_POST
def claim_withdraw_view(request, pk):
    claim = _own_claim(request, pk)
    try:
        claim_withdraw(claim=claim, actor=request.user)
    except ClaimError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your claim was withdrawn."))
    return redirect("learner_claim_detail", pk=claim.pk)


@login_required
def claim_receipt(request, pk, item_pk):
    return private_download(
        request,
        visible=ClaimItem.objects.select_related("claim").filter(
            claim__in=claims_visible_to(request.user)
        ),
        describe=_receipt,
        pk=item_pk,
        claim_id=pk,
    )


def _receipt(item: ClaimItem) -> PrivateFile:
    return uploaded_file(
        fieldfile=item.receipt,
        download_name=_("receipt-%(claim)s-%(item)s")
        % {"claim": item.claim_id, "item": item.pk},
        content_type=item.receipt_content_type,
        access=AccessKind.RECEIPT,
        object_id=item.pk,
        subject=item.claim.claimant_id,
        detail=f"#{item.claim_id}",
    )


# --- The department head ----------------------------------------------------------------


def _head_queue(request):
    if not _is_head(request.user):
        raise Http404
    subtree = [d.pk for d in department_subtree_for_head(user=request.user)]
    return (
        ExpenseClaim.objects.filter(
            department_id__in=subtree, status=ClaimStatus.SUBMITTED
        )
        .select_related(*CLAIM_RELATED)
        .prefetch_related(Prefetch("items", queryset=ClaimItem.objects.order_by("pk")))
        .order_by("submitted_at")
    )


@login_required
def head_claims(request):
    claims = _head_queue(request)
    return TemplateResponse(
        request,
        "certificates/support/claim_department.html",
        {"claims": claims},
    )


@login_required
@require_POST
def head_claim_confirm(request, pk):
    claim = get_object_or_404(_head_queue(request), pk=pk)
    try:
        claim_head_confirm(claim=claim, head=request.user)
    except ClaimError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("Claim no. %(number)s was confirmed.") % {"number": claim.pk}
        )
    return redirect("head_claims")


@login_required
@require_POST
def head_claim_return(request, pk):
    claim = get_object_or_404(_head_queue(request), pk=pk)
    form = ReasonForm(request.POST)
    try:
        if not form.is_valid():
            raise ClaimError(REASON_REQUIRED)
        claim_return(
            claim=claim,
            actor=request.user,
            reason=form.cleaned_data["reason"],
            by_head=True,
        )
    except ClaimError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Claim no. %(number)s was returned for correction.")
            % {"number": claim.pk},
        )
    return redirect("head_claims")

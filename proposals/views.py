"""The register's pages: the queue (leaders and heads), a proposal with its answer, the
export to Excel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from proposals import access, selectors, services
from proposals.forms import AnswerForm, ReaddressForm
from proposals.models import UNANSWERED
from tracking.documents.excel import workbook_response
from tracking.views import HtmxHttpRequest, error_messages

PAGE_SIZE = 50


def _status(request: HtmxHttpRequest) -> str:
    status = request.GET.get("trang-thai", "cho-tra-loi")
    return status if status in selectors.STATUS_FILTERS else "cho-tra-loi"


@require_GET
@login_required
def queue(request: HtmxHttpRequest) -> HttpResponse:
    access.queue_required(request.user)
    today = timezone.localdate()
    status = _status(request)
    proposals = selectors.register(request.user, status=status, on=today)
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("trang"))
    context = {
        "rows": selectors.register_rows(page.object_list, today),
        "page": page,
        "query": f"trang-thai={status}",
        "status": status,
        "filters": _filter_labels(),
        "counts": selectors.counts(request.user, today),
        "nav": "proposals",
    }
    return render(request, "proposals/proposal_queue.html", context)


def _filter_labels() -> list[tuple[str, str]]:
    return [
        ("cho-tra-loi", _("Awaiting an answer")),
        ("qua-han", _("Past the answer date")),
        ("da-tra-loi", _("Answered")),
        ("da-giai-quyet", _("Resolved")),
        ("tat-ca", _("All")),
    ]


@require_GET
@login_required
def export(request: HtmxHttpRequest) -> HttpResponse:
    access.queue_required(request.user)
    today = timezone.localdate()
    rows = selectors.register_rows(
        selectors.register(request.user, status=_status(request), on=today), today
    )
    headings = [
        (_("No."), 6),
        (_("Task"), 50),
        (_("Programme"), 16),
        (_("Proposing body"), 24),
        (_("Proposal"), 60),
        (_("Addressed to"), 24),
        (_("Raised on"), 12),
        (_("Answer due on"), 12),
        (_("Status"), 16),
        (_("Answer"), 60),
        (_("Answered by"), 22),
        (_("Answered on"), 12),
    ]
    return workbook_response(
        filename=f"kien-nghi-{today:%Y%m%d}.xlsx",
        title=_("Proposals"),
        headings=headings,
        rows=(
            [
                number,
                row.task,
                row.programme,
                row.body,
                row.text,
                row.addressed_to,
                row.raised_on,
                row.due_on,
                row.status_label,
                row.reply,
                row.replied_by,
                timezone.localdate(row.replied_at) if row.replied_at else None,
            ]
            for number, row in enumerate(rows, start=1)
        ),
    )


@require_GET
@login_required
def detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    proposal = access.proposal_for(request.user, pk)
    can_answer = services.can_answer(request.user, proposal)
    context = {
        "proposal": proposal,
        "addressed_to": selectors.addressed_label(proposal),
        "overdue": proposal.is_overdue(timezone.localdate()),
        "can_answer": can_answer,
        "next": services.TRANSITIONS[proposal.status] if can_answer else set(),
        "form": AnswerForm(initial={"reply": proposal.reply}),
        "readdress_form": ReaddressForm(initial={"addressed_to": proposal.addressed_to_id})
        if request.user.is_leader and proposal.status in UNANSWERED
        else None,
        "nav": "proposals",
    }
    return render(request, "proposals/proposal_detail.html", context)


@require_POST
@login_required
def act(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Take a proposal up, answer it or mark it resolved; refused unless the person answers
    it (``services.can_answer``) and the status may move that way."""
    proposal = access.proposal_for(request.user, pk)
    if not services.can_answer(request.user, proposal):
        raise PermissionDenied
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the proposal."))
        return redirect("proposals:detail", pk=pk)
    action, by = form.cleaned_data["action"], request.user
    try:
        if action == "take_up":
            services.proposal_take_up(proposal=proposal, by=by)
        elif action == "answer":
            services.proposal_answer(proposal=proposal, by=by, reply=form.cleaned_data["reply"])
        else:
            services.proposal_resolve(proposal=proposal, by=by)
    except ValidationError as error:
        for message in error_messages(error):
            messages.error(request, message)
    else:
        messages.success(request, _("The proposal was updated."))
    return redirect("proposals:detail", pk=pk)


@require_POST
@login_required
def readdress(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """A provincial leader sends the proposal to another body (or to the Thường trực/UBND)."""
    proposal = access.proposal_for(request.user, pk)
    if not request.user.is_leader:
        raise PermissionDenied
    form = ReaddressForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_readdress(
                proposal=proposal, by=request.user, to=form.cleaned_data["addressed_to"]
            )
        except ValidationError as error:
            for message in error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, _("The proposal was updated."))
    else:
        messages.error(request, _("Choose the body to send the proposal to."))
    return redirect("proposals:detail", pk=pk)

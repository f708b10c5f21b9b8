"""The only way views fetch proposals for a user."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from programmes.models import User
from proposals.models import Proposal


def proposal_for(user: User, pk: int) -> Proposal:
    """A proposal ``user`` may read (their body's, one addressed to it, or any for a
    leader); 404 otherwise."""
    proposals = Proposal.objects.visible_to(user).select_related(
        "task__programme", "body", "addressed_to", "replied_by", "report__period"
    )
    return get_object_or_404(proposals, pk=pk)


def queue_required(user: User) -> None:
    """The register's pages: provincial leaders and heads of body (403 otherwise)."""
    if not (user.is_leader or user.is_head):
        raise PermissionDenied

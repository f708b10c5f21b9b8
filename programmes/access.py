"""The only way views fetch plan objects for a user.

The plan itself (programmes, goals, targets, tasks, bodies) is read by every signed-in
account: officials need to see the whole programme to place their body's work in it. What a
body may write is decided in ``tracking.access``.
"""

from django.shortcuts import get_object_or_404

from programmes.models import Body, Programme, User


def programme_for(user: User, slug: str) -> Programme:
    return get_object_or_404(Programme.objects.select_related("issuing_body"), slug=slug)


def body_for(user: User, pk: int) -> Body:
    return get_object_or_404(Body.objects.select_related("parent", "successor"), pk=pk)


def require_plan_manager(user: User) -> None:
    """Programmes, plans and their task lists are managed by admins and provincial leaders."""
    from django.core.exceptions import PermissionDenied

    if not (user.is_superuser or user.role in ("admin", "leader")):
        raise PermissionDenied


def import_batch_for(user: User, programme: Programme, pk: int):
    from programmes.models import ImportBatch

    require_plan_manager(user)
    return get_object_or_404(ImportBatch, pk=pk, programme=programme)

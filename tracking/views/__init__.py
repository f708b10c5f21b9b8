"""Thin function views, a module per domain: reports (an official's work), review (a head's
decisions), notifications, overview, lists, targets, imports, documents and search."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from programmes.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
    user: User


def error_messages(error: Exception) -> list[str]:
    from django.core.exceptions import ValidationError

    return list(error.messages) if isinstance(error, ValidationError) else [str(error)]

import logging
import sys

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils import translation

from accounts.network import client_ip

logger = logging.getLogger(__name__)


class LanguageMiddleware:
    """Vietnamese unless the person chose otherwise (the language cookie set by set_language).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and most phones and
    office PCs here report English: the product speaks Vietnamese first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


DATABASE_RETRY_AFTER_SECONDS = 30


def database_unavailable() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """handler500: a database error raised outside a view (saving the session after the
    response, a middleware reading the user) answers 503 like one raised in a view; any
    other error the Vietnamese 500 page. Like that page, it reads no database."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable()
    return HttpResponseServerError(render_to_string("500.html"))


class DatabaseUnavailableMiddleware:
    """A view that cannot reach PostgreSQL answers 503 with Retry-After, in Vietnamese.

    A restart or failover of the database is brief and expected; a 500 would say the program
    is broken and would not tell a proxy or a script when to come back. The page is rendered
    without the request so that no context processor touches the database again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable: %s", exception, exc_info=exception)
        return database_unavailable()


class AuditActorMiddleware(AuditlogMiddleware):
    """django-auditlog's middleware (who made a change), with the client address read the
    way lockouts read it (its own takes the first X-Forwarded-For entry, which the client
    writes) and the user left unread until a change is recorded."""

    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request) or None

    @staticmethod
    def _get_actor(request):
        # request.user as it is, still lazy: auditlog's own reads it here, which loads the
        # session and the account before the view, outside DatabaseUnavailableMiddleware.
        # An anonymous user is no User, and auditlog then records no actor.
        return getattr(request, "user", None)

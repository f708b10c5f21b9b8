import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

TOUCHED_SESSION_KEY = "accounts_touched"
TOUCH_EVERY_SECONDS = 60


class IdleTimeoutMiddleware:
    """Sign people out after SESSION_COOKIE_AGE seconds without a request.

    Django's SESSION_SAVE_EVERY_REQUEST would do it by writing the session row on every
    request (each autosave of a report, each htmx search); writing it at most once a minute
    moves the expiry just as well, a minute's precision being plenty for an idle timeout.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty() or settings.SESSION_EXPIRE_AT_BROWSER_CLOSE:
            return response
        if response.status_code >= 500:  # the database may be what failed: leave it alone
            return response
        touched = session.get(TOUCHED_SESSION_KEY, 0)
        if not session.session_key:  # the cookie named a session that has expired
            return response
        now = int(time.time())
        if now - touched >= TOUCH_EVERY_SECONDS:
            session[TOUCHED_SESSION_KEY] = now  # marks it modified: saved with a new expiry
        return response


@receiver(user_logged_in)
def _touched_at_login(sender, request, user, **kwargs) -> None:
    # Signing in saves the session with a fresh expiry already; the next minute needs no write.
    if request is not None and hasattr(request, "session"):
        request.session[TOUCHED_SESSION_KEY] = int(time.time())

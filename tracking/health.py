"""Is the background machinery alive? The worker runs a heartbeat task that only beat sends,
every minute: a fresh heartbeat means both are up. With the worker down, beat's own record of
its last send (which django-celery-beat writes every few minutes) still says whether it runs."""

import socket
from datetime import datetime, timedelta
from urllib.parse import urlparse

from django.conf import settings
from django.db import DatabaseError, InterfaceError
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_celery_beat.models import PeriodicTask

from tracking.models import Heartbeat

STALE = timedelta(minutes=3)
BEAT_STALE = timedelta(minutes=6)  # django-celery-beat saves last_run_at every 3 minutes


def broker_alive() -> bool:
    url = urlparse(settings.CELERY_BROKER_URL)
    try:
        with socket.create_connection((url.hostname or "127.0.0.1", url.port or 6379), 1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _fresh(moment, within: timedelta = STALE) -> bool:
    return moment is not None and timezone.now() - moment <= within


def _last_signs() -> tuple[datetime | None, datetime | None]:
    """The worker's last heartbeat and beat's last send; raises when the database is down."""
    worker = Heartbeat.objects.filter(name="worker").values_list("at", flat=True).first()
    beat = (
        PeriodicTask.objects.filter(task="tracking.tasks.heartbeat")
        .values_list("last_run_at", flat=True)
        .first()
    )
    return worker, beat


@require_GET
@never_cache
def health(request):
    try:
        worker, beat = _last_signs()
        database = True
    except (DatabaseError, InterfaceError):
        # Down, restarting or refusing connections: say so instead of failing with a 500.
        worker, beat, database = None, None, False
    checks = {
        "database": database,
        "broker": broker_alive(),
        "worker": _fresh(worker),
        "beat": _fresh(worker) or _fresh(beat, BEAT_STALE),
        "worker_seen_at": worker.isoformat() if worker else None,
        "beat_sent_at": beat.isoformat() if beat else None,
    }
    healthy = all(checks[name] for name in ("database", "broker", "worker", "beat"))
    return JsonResponse({"ok": healthy, **checks}, status=200 if healthy else 503)

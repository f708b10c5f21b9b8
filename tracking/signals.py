"""Events of execution that later apps follow (``tracking`` never imports them).

Sent inside the service's transaction, so a receiver's writes commit or roll back with it.
"""

from django.dispatch import Signal

# Sent with ``report``: a progress report that was just confirmed by its body's head.
report_confirmed = Signal()

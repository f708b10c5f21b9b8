"""Events of execution that later apps follow (``tracking`` never imports them).

Sent inside the service's transaction, so a receiver's writes commit or roll back with it.
"""

from django.dispatch import Signal

# Sent with ``report``: a progress report that was just confirmed by its body's head.
report_confirmed = Signal()

# Sent with ``programme`` and ``day`` while the mid-term report is gathered. A receiver answers
# with the paragraphs it adds to the report's section on proposals (a list of str), or [].
midterm_proposals_summary = Signal()

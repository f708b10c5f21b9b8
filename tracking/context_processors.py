from django.utils.functional import SimpleLazyObject

from tracking.selectors.reports import unread_count


def notifications(request):
    """The unread count shown in the navigation: one query on a page that shows it, none on
    the partials htmx swaps in (an autosave, a filter) that do not."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user))}

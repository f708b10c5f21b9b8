from tracking.selectors.reports import unread_count


def notifications(request):
    """The unread count shown in the navigation, one query per page for signed-in people."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}

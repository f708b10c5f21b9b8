"""A person's notifications."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from tracking import services
from tracking.views import HtmxHttpRequest


@require_http_methods(["GET", "POST"])
@login_required
def notification_list(request: HtmxHttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.notifications_mark_read(user=request.user)
        return redirect("tracking:notifications")
    notifications = request.user.notifications.all()[:100]
    return render(
        request,
        "tracking/notification_list.html",
        {"notifications": notifications, "nav": "notifications"},
    )

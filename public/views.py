"""The public pages: no sign-in, Vietnamese, cached per programme and day."""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from programmes.models import Programme
from public.selectors import public_programme, public_programmes


def in_vietnamese(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The public reads Vietnamese, whatever language a signed-in visitor chose."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        with translation.override("vi"):
            response = view(request, *args, **kwargs)
            response.headers["Content-Language"] = "vi"
            return response

    return wrapped


@require_GET
@cache_control(public=True, max_age=300)
@in_vietnamese
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = public_programmes(timezone.localdate())
    return render(request, "public/programme_list.html", {"programmes": programmes})


@require_GET
@cache_control(public=True, max_age=300)
@in_vietnamese
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    # Only what an admin opened to the public: any other programme is not found.
    programme = get_object_or_404(
        Programme.objects.public().select_related("issuing_body"), slug=slug
    )
    data = public_programme(programme, timezone.localdate())
    return render(request, "public/programme_detail.html", {"data": data})

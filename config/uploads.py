"""A request larger than any file the site accepts is refused before its file is stored.

Django writes every uploaded file to memory or a temporary file while it parses the request
(the CSRF check parses it before any view runs), so a size check in a view comes after a
200 MB upload has been written out in full. This handler, first in FILE_UPLOAD_HANDLERS,
looks at the request's declared length first: when it is over ``UPLOAD_MAX_BYTES`` the file
parts are skipped (read through, never kept) and the request is marked, so that the view
answers with the size limit instead of "this field is required".
"""

from django import forms
from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest
from django.utils.translation import gettext as _


def upload_max_bytes() -> int:
    return settings.UPLOAD_MAX_BYTES


def upload_too_large(request: HttpRequest) -> bool:
    """Whether this request's files were skipped for its size."""
    return getattr(request, "upload_too_large", False)


def too_large_message() -> str:
    """The limit named is the largest file accepted (evidence); a request is allowed a little
    more for its other fields."""
    return _("The file is too large: the limit is %(limit)s MB. Nothing was saved.") % {
        "limit": settings.EVIDENCE_MAX_BYTES // (1024 * 1024)
    }


def refused_for_size(request: HttpRequest, form: forms.Form, field: str = "file") -> bool:
    """When the request's file was skipped for its size, say so on ``form``'s file field
    (instead of "this field is required"); True when it was."""
    if not upload_too_large(request):
        return False
    form.is_valid()
    form.errors[field] = form.error_class([too_large_message()])
    return True


class UploadLimitHandler(FileUploadHandler):
    too_large = False

    def handle_raw_input(
        self,
        input_data: object,
        META: dict,  # noqa: N803 - Django's argument name
        content_length: int,
        boundary: str,
        encoding: str | None = None,
    ) -> None:
        self.too_large = content_length > upload_max_bytes()
        if self.too_large and self.request is not None:
            self.request.upload_too_large = True  # type: ignore[attr-defined] # read by views

    def new_file(self, *args: object, **kwargs: object) -> None:
        if self.too_large:
            raise SkipFile

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        return raw_data  # within the limit: the next handler keeps it

    def file_complete(self, file_size: int) -> None:
        return None

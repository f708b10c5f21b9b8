"""Evidence files: the type is read from the content, never trusted from the name."""

import zipfile
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PNG = "image/png"
JPEG = "image/jpeg"
EXTENSIONS = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx", PNG: "png", JPEG: "jpg"}


def max_bytes() -> int:
    return getattr(settings, "EVIDENCE_MAX_BYTES", 20 * 1024 * 1024)


def sniff(handle: IO[bytes]) -> str | None:
    """The content type of an allowed file, read from its bytes; ``None`` otherwise."""
    handle.seek(0)
    head = handle.read(8)
    handle.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(handle) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            handle.seek(0)
        if "word/document.xml" in names:
            return DOCX
        if "xl/workbook.xml" in names:
            return XLSX
    return None


def check_upload(upload) -> str:
    """Validate an uploaded file's size and type; return its content type."""
    if upload.size > max_bytes():
        raise ValidationError(
            _("The file “%(name)s” is %(size)s MB; the limit is %(limit)s MB.")
            % {
                "name": upload.name,
                "size": f"{upload.size / 1048576:.1f}".replace(".", ","),
                "limit": max_bytes() // 1048576,
            }
        )
    content_type = sniff(upload)
    if content_type is None:
        raise ValidationError(
            _("The file “%(name)s” is not a PDF, Word (DOCX), Excel (XLSX), PNG or JPEG file.")
            % {"name": upload.name}
        )
    return content_type


def download_name(evidence) -> str:
    """``minh-chung-<id>.<extension of the sniffed type>``."""
    extension = EXTENSIONS.get(evidence.content_type, "bin")
    return f"minh-chung-{evidence.pk}.{extension}"

"""Reads for the accounts' pages."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from accounts.imports import role_label
from accounts.models import AccountImport

PREVIEW_ROWS = 500  # the table shows this many; every error is listed above it


@dataclass(frozen=True)
class PreviewRow:
    line: int
    full_name: str
    email: str
    body_name: str
    role: str
    action: str
    changes: list[str]
    errors: list[str]


def account_import_rows(batch: AccountImport) -> list[PreviewRow]:
    """The batch's rows as the preview shows them: the role by its label, what saving does
    to each (new account, update and its changes, nothing), and the row's errors beside it."""
    errors: dict[int, list[str]] = {}
    for error in batch.errors:
        errors.setdefault(error["line"], []).append(error["message"])
    actions = {"create": _("New account"), "update": _("Update"), "same": _("No change")}
    return [
        PreviewRow(
            line=row["line"],
            full_name=row["full_name"],
            email=row["email"],
            body_name=row["body_name"],
            role=role_label(row["role"]) if row["role"] else "",
            action=actions.get(row["action"], ""),
            changes=row["changes"],
            errors=errors.get(row["line"], []),
        )
        for row in batch.rows[:PREVIEW_ROWS]
    ]

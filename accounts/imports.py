"""Accounts for a whole province at once, from Excel:
Họ và tên | Email | Cơ quan | Vai trò.

Reading is separate from saving, as for task lists (``programmes.imports``): ``read_account_sheet``
turns a workbook into rows and errors (each naming its row and column, in Vietnamese) and only
looks bodies and existing accounts up; ``accounts.services.account_import_apply`` saves them all
in one transaction, or nothing.

An email that already has an account updates that account (its name, body and role) rather than
making a second one: a province re-sends its list when people move. Administrators are neither
made nor changed from a sheet (an Excel file should not hand out the keys), and a deactivated
account is reactivated in the admin, on purpose, not by a re-sent list.
"""

from dataclasses import asdict, dataclass, field
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from programmes.models import Body, Role, User
from programmes.text import fold, normalize

HEADINGS = ["Họ và tên", "Email", "Cơ quan", "Vai trò"]
COLUMNS = {  # folded heading → field
    "ho va ten": "full_name",
    "ho ten": "full_name",
    "ten": "full_name",
    "email": "email",
    "e-mail": "email",
    "dia chi email": "email",
    "thu dien tu": "email",
    "co quan": "body",
    "don vi": "body",
    "co quan, don vi": "body",
    "co quan/don vi": "body",
    "co quan, don vi cong tac": "body",
    "vai tro": "role",
}
# Other words offices use for the roles, beside the roles' own Vietnamese labels.
ROLE_WORDS = {
    "chuyen vien": Role.OFFICIAL,
    "cong chuc": Role.OFFICIAL,
    "lanh dao co quan": Role.HEAD,
    "thu truong": Role.HEAD,
    "thu truong co quan": Role.HEAD,
    "thu truong don vi": Role.HEAD,
    "quan tri vien": Role.ADMIN,
}
# Rows read under the heading, blank ones included: a province has 200 to 2,000 accounts.
MAX_ROWS = 5000


@dataclass
class AccountRow:
    line: int  # the row number in the sheet
    full_name: str
    email: str
    role: str
    body_id: int | None = None
    body_name: str = ""
    action: str = "create"  # create · update · same
    user_id: int | None = None
    changes: list[str] = field(default_factory=list)


@dataclass
class RowError:
    line: int
    column: str
    message: str


@dataclass
class AccountSheet:
    rows: list[AccountRow]
    errors: list[RowError]

    def as_json(self) -> dict:
        return {
            "rows": [asdict(row) for row in self.rows],
            "errors": [asdict(error) for error in self.errors],
        }


def role_labels() -> dict[str, str]:
    """The roles by their Vietnamese labels (folded), their codes and the words offices use."""
    with translation.override("vi"):
        found = {fold(str(label)): value for value, label in Role.choices}
    found.update({fold(value): value for value in Role.values})
    found.update({word: str(role) for word, role in ROLE_WORDS.items()})
    return found


def role_label(role: str) -> str:
    return str(dict(Role.choices).get(role, role))


def template_workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Tài khoản"
    sheet.append(HEADINGS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    examples = [
        ["Nguyễn Văn An", "an.nv@example.gov.vn", "Sở Tài chính", "Cán bộ"],
        ["Trần Thị Bình", "binh.tt@example.gov.vn", "Sở Tài chính", "Lãnh đạo đơn vị"],
        ["Lê Văn Cường", "cuong.lv@example.gov.vn", "Văn phòng Tỉnh ủy", "Lãnh đạo tỉnh"],
    ]
    for row in examples:
        sheet.append(row)
    for index, width in enumerate([32, 36, 48, 20], start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    # The names the reader knows, to copy from: the bodies that exist today and the roles.
    names = book.create_sheet("Cơ quan")
    names.append(["Tên cơ quan", "Tên viết tắt"])
    for cell in names[1]:
        cell.font = Font(bold=True)
    for name, short in (
        Body.objects.filter(active_to__isnull=True)
        .order_by("sort_key")
        .values_list("name", "short_name")
    ):
        names.append([name, short])
    names.column_dimensions["A"].width = 60
    names.column_dimensions["B"].width = 24
    roles = book.create_sheet("Vai trò")
    roles.append(["Vai trò"])
    roles["A1"].font = Font(bold=True)
    with translation.override("vi"):
        for value, label in Role.choices:
            if value != Role.ADMIN:
                roles.append([str(label)])
    roles.column_dimensions["A"].width = 24
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


class _Bodies:
    """Bodies by their name or short name, folded; closed ones (merged, split) apart, to say
    so rather than "unknown"."""

    def __init__(self) -> None:
        self.open: dict[str, int] = {}
        self.closed: dict[str, str] = {}
        self.names: dict[int, str] = {}
        for pk, name, short, active_to in Body.objects.values_list(
            "pk", "name", "short_name", "active_to"
        ):
            self.names[pk] = name
            for text in (name, short):
                if not text:
                    continue
                if active_to is None:
                    self.open.setdefault(fold(text), pk)
                else:
                    self.closed.setdefault(fold(text), name)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize(str(value))


def _too_many_rows() -> str:
    return _("The sheet has more than %(max)s rows: split it into several files.") % {
        "max": f"{MAX_ROWS:,}".replace(",", ".")
    }


def _header(rows_iter) -> tuple[dict[str, int], int]:
    for line, values in enumerate(rows_iter, start=1):
        found = {
            COLUMNS[fold(_text(v))]: i for i, v in enumerate(values) if fold(_text(v)) in COLUMNS
        }
        if "email" in found and "full_name" in found:
            return found, line
        if line >= 15:
            break
    return {}, 0


def read_account_sheet(content: bytes) -> AccountSheet:
    try:
        book = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file gets the same clear answer
        return AccountSheet([], [RowError(0, "", _("The file is not an Excel (.xlsx) workbook."))])
    rows_iter = book.worksheets[0].iter_rows(values_only=True)
    columns, header_line = _header(rows_iter)
    if not columns:
        message = _("No heading row found. The first row should read: %(headings)s.") % {
            "headings": " | ".join(HEADINGS)
        }
        return AccountSheet([], [RowError(1, "", message)])
    letters = {name: get_column_letter(index + 1) for name, index in columns.items()}
    bodies = _Bodies()
    roles = role_labels()
    errors: list[RowError] = []
    rows: list[AccountRow] = []
    seen: dict[str, int] = {}
    for line, values in enumerate(rows_iter, start=header_line + 1):
        if line > header_line + MAX_ROWS:
            return AccountSheet([], [RowError(line, "", _too_many_rows())])

        def cell(name, values=values):
            index = columns.get(name)
            return _text(values[index]) if index is not None and index < len(values) else ""

        full_name, email = cell("full_name"), cell("email").lower()
        body_name, role_text = cell("body"), cell("role")
        if not (full_name or email or body_name or role_text):
            continue

        def error(column: str, message: str, line=line) -> None:
            errors.append(RowError(line, letters.get(column, ""), message))

        if not full_name:
            error("full_name", _("The full name is empty."))
        if not email:
            error("email", _("The email is empty."))
        else:
            try:
                validate_email(email)
            except ValidationError:
                error("email", _("“%(email)s” is not an email address.") % {"email": email})
            if email in seen:
                error(
                    "email",
                    _("%(email)s is already on row %(line)s.")
                    % {"email": email, "line": seen[email]},
                )
            seen.setdefault(email, line)
        role = roles.get(fold(role_text)) if role_text else Role.OFFICIAL
        if role is None:
            error(
                "role",
                _("Unknown role “%(role)s”: write Cán bộ, Lãnh đạo đơn vị or Lãnh đạo tỉnh.")
                % {"role": role_text},
            )
        elif role == Role.ADMIN:
            error("role", _("Administrators are made one by one in the admin, not from a list."))
        row = AccountRow(line=line, full_name=full_name, email=email, role=role or "")
        if body_name:
            row.body_name = body_name
            row.body_id = bodies.open.get(fold(body_name))
            if row.body_id is None and fold(body_name) in bodies.closed:
                error(
                    "body",
                    _("%(body)s no longer exists (merged or split): use the body it became.")
                    % {"body": bodies.closed[fold(body_name)]},
                )
            elif row.body_id is None:
                error("body", _("Unknown body “%(name)s”.") % {"name": body_name})
            else:
                row.body_name = bodies.names[row.body_id]  # as the body is called, not as typed
        elif role in (Role.OFFICIAL, Role.HEAD):
            error("body", _("Officials and heads of bodies must belong to a body."))
        rows.append(row)
    if not rows and not errors:
        errors.append(
            RowError(header_line + 1, "", _("The sheet has no accounts under its heading."))
        )
    errors.extend(_match_existing(rows, letters))
    errors.sort(key=lambda e: (e.line, e.column))
    return AccountSheet(rows, errors)


def existing_accounts(emails: list[str]) -> dict[str, list[User]]:
    """The accounts whose email or user name is one of ``emails`` (lower case), by it."""
    from django.db.models import Q

    found: dict[str, list[User]] = {}
    accounts = User.objects.select_related("body").annotate(
        email_lower=Lower("email"), username_lower=Lower("username")
    )
    for user in accounts.filter(Q(email_lower__in=emails) | Q(username_lower__in=emails)):
        keys = {user.email_lower, user.username_lower} & set(emails)
        for key in keys:
            found.setdefault(key, []).append(user)
    return found


def row_problem(row: AccountRow, matches: list[User]) -> str | None:
    """Why the row cannot be saved against the accounts found for its email, or None; sets
    the row's action (create, update, same) and the changes an update makes."""
    by_email = [user for user in matches if user.email.lower() == row.email]
    if not matches:
        row.action, row.user_id, row.changes = "create", None, []
        return None
    if len(by_email) > 1:
        return _("Several accounts have the email %(email)s: fix them in the admin first.") % {
            "email": row.email
        }
    if not by_email:
        return _("The user name %(email)s belongs to another account.") % {"email": row.email}
    user = by_email[0]
    if user.is_superuser or user.role == Role.ADMIN:
        return _("%(email)s is an administrator's account: change it in the admin.") % {
            "email": row.email
        }
    if not user.is_active:
        return _(
            "The account of %(email)s is deactivated: reactivate it in the admin if this "
            "person is back."
        ) % {"email": row.email}
    changes = []
    if row.full_name != user.full_name:
        changes.append(
            _("name: %(old)s → %(new)s") % {"old": user.full_name or "—", "new": row.full_name}
        )
    if row.role != user.role:
        changes.append(
            _("role: %(old)s → %(new)s")
            % {"old": role_label(user.role), "new": role_label(row.role)}
        )
    if row.body_id != user.body_id:
        old = user.body.name if user.body else "—"
        changes.append(_("body: %(old)s → %(new)s") % {"old": old, "new": row.body_name or "—"})
    row.action = "update" if changes else "same"
    row.user_id, row.changes = user.pk, changes
    return None


def _match_existing(rows: list[AccountRow], letters: dict[str, str]) -> list[RowError]:
    found = existing_accounts([row.email for row in rows if row.email])
    errors = []
    for row in rows:
        if row.email:
            problem = row_problem(row, found.get(row.email, []))
            if problem:
                errors.append(RowError(row.line, letters.get("email", ""), problem))
    return errors

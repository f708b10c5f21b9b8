"""Target readings as officials type them, and the figures a reading may hold.

A reading is stored as ``DecimalField(max_digits=18, decimal_places=4)``: at most 14 digits
before the comma and 4 after it. A figure beyond either is refused with a clear message
rather than failing in the database (``1e400``, twenty digits) or being rounded without a
word (``0,00001`` would be stored as 0).
"""

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DECIMAL_PLACES = 4
INTEGER_DIGITS = 18 - DECIMAL_PLACES
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def check_reading(value: Decimal, *, shown: str | None = None) -> Decimal:
    """``value`` if a reading can hold it exactly; else a ValidationError saying why."""
    shown = str(value) if shown is None else shown
    if not value.is_finite():
        raise ValidationError(
            _("“%(value)s” is not a number. Write it like 1.234,5.") % {"value": shown}
        )
    exact = value.normalize() if value else Decimal(0)  # "1,50000" has one decimal
    if exact.as_tuple().exponent < -DECIMAL_PLACES:  # type: ignore[operator]
        raise ValidationError(
            _("“%(value)s” has more than %(places)s digits after the comma.")
            % {"value": shown, "places": DECIMAL_PLACES}
        )
    if exact and exact.adjusted() >= INTEGER_DIGITS:
        raise ValidationError(
            _("“%(value)s” is too large: a figure has at most %(digits)s digits before the comma.")
            % {"value": shown, "digits": INTEGER_DIGITS}
        )
    return value


def parse_vietnamese_number(text: str) -> Decimal:
    """Read "1.234,5", "1234,5", "83,2" or "1234.5" as officials type them."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif cleaned.count(".") > 1 or (cleaned.count(".") == 1 and len(cleaned.split(".")[1]) == 3):
        cleaned = cleaned.replace(".", "")  # "1.234" is a thousand and more, not 1,234
    if not PLAIN_NUMBER.fullmatch(cleaned):  # no "NaN", "Infinity" or "1e400"
        raise ValidationError(
            _("“%(value)s” is not a number. Write it like 1.234,5.") % {"value": text}
        )
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValidationError(
            _("“%(value)s” is not a number. Write it like 1.234,5.") % {"value": text}
        ) from None
    return check_reading(value, shown=text.strip())

import unicodedata
from datetime import date

import pytest

from programmes.deadlines import DeadlineError, DeadlineKind, parse_deadline


@pytest.mark.parametrize(
    ("text", "kind", "start", "due"),
    [
        # a date
        ("30/6/2023", DeadlineKind.DATE, None, date(2023, 6, 30)),
        ("30/06/2023", DeadlineKind.DATE, None, date(2023, 6, 30)),
        ("30-6-2023", DeadlineKind.DATE, None, date(2023, 6, 30)),
        ("30.6.2023", DeadlineKind.DATE, None, date(2023, 6, 30)),
        ("30/6/23", DeadlineKind.DATE, None, date(2023, 6, 30)),
        ("ngày 30/6/2023", DeadlineKind.DATE, None, date(2023, 6, 30)),
        ("Trước ngày 30/6/2023", DeadlineKind.DATE, None, date(2023, 6, 30)),
        ("trước 31/12/2022.", DeadlineKind.DATE, None, date(2022, 12, 31)),
        ("Chậm nhất ngày 15/3/2024", DeadlineKind.DATE, None, date(2024, 3, 15)),
        ("ngày 05 tháng 01 năm 2022", DeadlineKind.DATE, None, date(2022, 1, 5)),
        ("29/2/2024", DeadlineKind.DATE, None, date(2024, 2, 29)),
        # a month
        ("Tháng 6/2023", DeadlineKind.MONTH, date(2023, 6, 1), date(2023, 6, 30)),
        ("tháng 2 năm 2024", DeadlineKind.MONTH, date(2024, 2, 1), date(2024, 2, 29)),
        # a quarter
        ("Quý II/2022", DeadlineKind.QUARTER, date(2022, 4, 1), date(2022, 6, 30)),
        ("quý 2 năm 2022", DeadlineKind.QUARTER, date(2022, 4, 1), date(2022, 6, 30)),
        ("Quý IV năm 2021", DeadlineKind.QUARTER, date(2021, 10, 1), date(2021, 12, 31)),
        ("QUÝ I/2023", DeadlineKind.QUARTER, date(2023, 1, 1), date(2023, 3, 31)),
        ("Quý III - 2024", DeadlineKind.QUARTER, date(2024, 7, 1), date(2024, 9, 30)),
        ("Q3/2024", DeadlineKind.QUARTER, date(2024, 7, 1), date(2024, 9, 30)),
        ("Trong quý I/2022", DeadlineKind.QUARTER, date(2022, 1, 1), date(2022, 3, 31)),
        # half a year
        ("6 tháng đầu năm 2023", DeadlineKind.HALF_YEAR, date(2023, 1, 1), date(2023, 6, 30)),
        ("6 tháng cuối năm 2023", DeadlineKind.HALF_YEAR, date(2023, 7, 1), date(2023, 12, 31)),
        # a year
        ("Năm 2023", DeadlineKind.YEAR, date(2023, 1, 1), date(2023, 12, 31)),
        ("năm 2023", DeadlineKind.YEAR, date(2023, 1, 1), date(2023, 12, 31)),
        ("2023", DeadlineKind.YEAR, date(2023, 1, 1), date(2023, 12, 31)),
        ("Trong năm 2024", DeadlineKind.YEAR, date(2024, 1, 1), date(2024, 12, 31)),
        # by the end of a year
        ("Đến năm 2025", DeadlineKind.BY_YEAR, None, date(2025, 12, 31)),
        ("đến 2030", DeadlineKind.BY_YEAR, None, date(2030, 12, 31)),
        ("Trước năm 2025", DeadlineKind.BY_YEAR, None, date(2024, 12, 31)),
        # a range, with every dash officials paste
        ("2021–2025", DeadlineKind.RANGE, date(2021, 1, 1), date(2025, 12, 31)),
        ("2021-2025", DeadlineKind.RANGE, date(2021, 1, 1), date(2025, 12, 31)),
        ("2021 - 2025", DeadlineKind.RANGE, date(2021, 1, 1), date(2025, 12, 31)),
        ("2021—2025", DeadlineKind.RANGE, date(2021, 1, 1), date(2025, 12, 31)),
        ("2021 − 2025", DeadlineKind.RANGE, date(2021, 1, 1), date(2025, 12, 31)),
        ("Giai đoạn 2021-2025", DeadlineKind.RANGE, date(2021, 1, 1), date(2025, 12, 31)),
        ("giai đoạn 2021 - 25", DeadlineKind.RANGE, date(2021, 1, 1), date(2025, 12, 31)),
        ("Từ năm 2021 đến năm 2025", DeadlineKind.RANGE, date(2021, 1, 1), date(2025, 12, 31)),
        ("2026-2030", DeadlineKind.RANGE, date(2026, 1, 1), date(2030, 12, 31)),
        # ongoing and recurring: no dates, never complete
        ("Thường xuyên", DeadlineKind.ONGOING, None, None),
        ("thường xuyên", DeadlineKind.ONGOING, None, None),
        ("THƯỜNG XUYÊN", DeadlineKind.ONGOING, None, None),
        ("Thường xuyên, liên tục", DeadlineKind.ONGOING, None, None),
        ("Hằng năm", DeadlineKind.RECURRING, None, None),
        ("Hàng năm", DeadlineKind.RECURRING, None, None),
        ("Định kỳ hằng quý", DeadlineKind.RECURRING, None, None),
    ],
)
def test_reads_the_forms_officials_write(text, kind, start, due):
    deadline = parse_deadline(text)
    assert (deadline.kind, deadline.start, deadline.due) == (kind, start, due)


def test_keeps_the_text_as_written_in_nfc():
    deadline = parse_deadline("  Quý   II/2022 ")
    assert deadline.text == "Quý II/2022"


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_nfc_and_nfd_input_parse_alike(form):
    text = unicodedata.normalize(form, "Thường xuyên")
    assert parse_deadline(text).kind == DeadlineKind.ONGOING
    assert parse_deadline(unicodedata.normalize(form, "Quý II/2022")).due == date(2022, 6, 30)


def test_ongoing_and_recurring_are_open_ended():
    assert parse_deadline("Thường xuyên").is_open_ended
    assert parse_deadline("Hằng năm").is_open_ended
    assert parse_deadline("Hằng năm").every == "year"
    assert not parse_deadline("Năm 2023").is_open_ended


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_is_no_deadline(text):
    assert parse_deadline(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("sớm", "Không đọc được thời hạn “sớm”"),
        ("30/6", "Không đọc được thời hạn “30/6”"),
        ("Quý V/2022", "Quý phải từ I đến IV"),
        ("Quý 0/2022", "Quý phải từ I đến IV"),
        ("31/2/2023", "Ngày 31/2/2023 không có trong lịch"),
        ("29/2/2023", "Ngày 29/2/2023 không có trong lịch"),
        ("Tháng 13/2023", "Tháng phải từ 1 đến 12"),
        ("2025-2021", "Giai đoạn 2025-2021 có năm kết thúc trước năm bắt đầu"),
        ("Năm 3023", "Năm 3023 nằm ngoài khoảng cho phép"),
    ],
)
def test_garbage_gets_a_clear_vietnamese_error(text, message):
    with pytest.raises(DeadlineError) as error:
        parse_deadline(text)
    assert message in error.value.message


def test_the_error_names_the_accepted_forms():
    with pytest.raises(DeadlineError) as error:
        parse_deadline("khi nào xong")
    assert "30/6/2023, Quý II/2022, Năm 2023, 2021–2025, Thường xuyên" in error.value.message


def test_case_and_tone_placement_do_not_matter():
    # "Quí" is an old spelling of "Quý"; "Hàng năm" and "Hằng năm" are both written.
    assert parse_deadline("QUÍ 2/2022".replace("Í", "Ý")).kind == DeadlineKind.QUARTER
    assert parse_deadline("hàng năm").every == parse_deadline("hằng năm").every == "year"

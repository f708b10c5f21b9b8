import pytest

from programmes.documents import DocumentCodeError, DocumentKind, parse_document_code
from tests.factories import ProgrammeFactory


@pytest.mark.parametrize(
    ("written", "number", "year", "kind", "issuer", "document_kind"),
    [
        ("17-CTr/TU", "17", None, "CTr", "TU", DocumentKind.PROGRAMME),
        ("05-NQ/TU", "05", None, "NQ", "TU", DocumentKind.RESOLUTION),
        ("147-CTHĐ/TU", "147", None, "CTHĐ", "TU", DocumentKind.PROGRAMME),
        ("01-KL/TW", "01", None, "KL", "TW", DocumentKind.CONCLUSION),
        ("36-HD/VPTW", "36", None, "HD", "VPTW", DocumentKind.GUIDANCE),
        ("125-BC/TU", "125", None, "BC", "TU", DocumentKind.REPORT),
        ("12-NQ/BTV", "12", None, "NQ", "BTV", DocumentKind.RESOLUTION),
        ("Số 125-BC/TU", "125", None, "BC", "TU", DocumentKind.REPORT),
        ("123/KH-UBND", "123", None, "KH", "UBND", DocumentKind.PLAN),
        ("Số: 15/KH-UBND", "15", None, "KH", "UBND", DocumentKind.PLAN),
        ("15/QĐ-UBND", "15", None, "QĐ", "UBND", DocumentKind.DECISION),
        ("30/2020/NĐ-CP", "30", 2020, "NĐ", "CP", DocumentKind.OTHER),
        ("202/2025/QH15", "202", 2025, "", "QH15", DocumentKind.OTHER),
        ("17 - CTr / TU", "17", None, "CTr", "TU", DocumentKind.PROGRAMME),
        ("17–CTr/TU", "17", None, "CTr", "TU", DocumentKind.PROGRAMME),
    ],
)
def test_parses_party_and_state_codes(written, number, year, kind, issuer, document_kind):
    code = parse_document_code(written)
    assert (code.number, code.year, code.kind, code.issuer) == (number, year, kind, issuer)
    assert code.document_kind == document_kind


@pytest.mark.parametrize("garbage", ["CTr/TU", "abc", "17", "17-/TU", "số mười bảy"])
def test_garbage_gets_a_clear_vietnamese_error(garbage):
    with pytest.raises(DocumentCodeError) as error:
        parse_document_code(garbage)
    assert "Không đọc được số, ký hiệu" in error.value.message
    assert "17-CTr/TU" in error.value.message


@pytest.mark.django_db
def test_programme_keeps_the_code_as_written_and_its_parsed_parts():
    programme = ProgrammeFactory(code="Số 147-CTHĐ/TU")
    programme.refresh_from_db()
    assert programme.code == "Số 147-CTHĐ/TU"
    assert (programme.code_number, programme.code_kind, programme.code_issuer) == (
        "147",
        "CTHĐ",
        "TU",
    )


@pytest.mark.django_db
def test_an_unparseable_code_is_stored_but_refused_by_forms():
    programme = ProgrammeFactory(code="KH số 5 của tỉnh")
    assert programme.code_number == ""
    with pytest.raises(Exception, match="Không đọc được số, ký hiệu"):
        programme.full_clean()

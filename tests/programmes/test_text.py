import unicodedata

import pytest

from programmes.text import fold, normalize, sort_key


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đồng Nai", "dong nai"),
        ("nông thôn mới", "nong thon moi"),
        ("Tỉnh uỷ", "tinh uy"),
        ("Tỉnh ủy", "tinh uy"),
        ("Hoà", "hoa"),
        ("Hòa", "hoa"),
        ("  Sở   Tài chính ", "so tai chinh"),
    ],
)
def test_fold_ignores_diacritics_case_and_spacing(text, folded):
    assert fold(text) == folded


def test_nfd_input_folds_like_nfc():
    assert fold(unicodedata.normalize("NFD", "Bình Phước")) == fold("Bình Phước") == "binh phuoc"


def test_normalize_gives_nfc():
    assert normalize(unicodedata.normalize("NFD", "Tỉnh ủy")) == unicodedata.normalize(
        "NFC", "Tỉnh ủy"
    )


def test_sort_key_follows_vietnamese_alphabetical_order():
    words = ["Đồng Nai", "Dương", "Ấp", "Ăn", "An", "Bình", "Ơn", "Ô", "Ốc", "Ư", "Uyên", "Tây"]
    expected = ["An", "Ăn", "Ấp", "Bình", "Dương", "Đồng Nai", "Ô", "Ốc", "Ơn", "Tây", "Uyên", "Ư"]
    assert sorted(words, key=sort_key) == expected


def test_sort_key_orders_tones_after_letters():
    words = ["má", "mà", "ma", "mạ", "mả", "mã", "mai"]
    assert sorted(words, key=sort_key) == ["ma", "mà", "mả", "mã", "má", "mạ", "mai"]

"""Messages that Django's Vietnamese catalogue leaves in English (or garbles) are translated
by ours (the report form's own messages: tests/tracking/test_report_form_messages.py)."""

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def messages_of(call) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        call()
    return raised.value.messages


def test_null_characters_are_refused_in_vietnamese():
    assert messages_of(lambda: forms.CharField().clean("Báo cáo\x00")) == [
        "Không được dùng ký tự rỗng (NUL)."
    ]


def test_nan_is_refused_in_vietnamese():
    field = models.DecimalField(max_digits=10, decimal_places=2)
    assert messages_of(lambda: field.to_python("NaN")) == [
        "Giá trị “NaN” phải là một số thập phân."
    ]


def test_a_whole_number_is_asked_for_in_plain_vietnamese():
    assert messages_of(lambda: forms.IntegerField().clean("mười")) == ["Nhập một số nguyên."]

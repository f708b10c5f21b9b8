"""The targets table: the latest confirmed reading judged against the plan."""

from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from tests.tracking.province import TODAY
from tracking.selectors.targets import target_judgements

pytestmark = pytest.mark.django_db


@time_machine.travel(TODAY)
def test_targets_table_judges_the_latest_confirmed_reading(client, leader, province):
    programme, _tasks, target = province
    client.force_login(leader)
    page = client.get(reverse("tracking:programme-targets", args=[programme.slug])).text
    assert "Xã đạt chuẩn nông thôn mới" in page
    assert "110,0%" in page and "Vượt" in page
    judged = target_judgements(TODAY, [programme.pk])[target.pk]
    assert (judged.value, judged.judgement) == (Decimal("55"), "exceeded")


def test_a_lower_is_better_reading_is_never_shown_above_its_plan():
    from tracking.selectors.targets import achieved

    assert achieved("lte", Decimal("1.8"), Decimal("1")) == Decimal("100") / Decimal("1.8")
    assert achieved("gte", Decimal("18"), Decimal("30")) == 60
    assert achieved("lte", Decimal("0"), Decimal("1")) is None
    assert achieved("gte", Decimal("5"), None) is None

"""What one autosave costs: the official types, htmx posts the draft every few seconds, and
fifty officials at once make saves most of the site's load. A save writes the report, its
changed readings and folds into the last draft version; it never re-reads what it just wrote."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tracking import services
from tracking.models import ReportVersion

pytestmark = pytest.mark.django_db


def autosave(client, report, **changes):
    data = {
        "progress": "in_progress",
        "percent": "40",
        "results": "Đã rà soát 12 dự án.",
        "version": report.version,
        f"target_{changes.pop('target_id')}": changes.pop("reading", "12"),
        **changes,
    }
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            reverse("tracking:report-edit", args=[report.pk]), data, HTTP_HX_REQUEST="true"
        )
    assert response.status_code == 200, response.content
    report.refresh_from_db()
    return [q["sql"] for q in queries.captured_queries]


def test_an_autosave_is_a_few_small_queries(client, official, task, target, period):
    report = services.report_start(task=task, period=period, by=official)
    client.force_login(official)
    autosave(client, report, target_id=target.pk)  # the first save adds a version
    sql = autosave(client, report, target_id=target.pk, results="Đã rà soát 13 dự án.")
    report.refresh_from_db()
    assert report.results == "Đã rà soát 13 dự án."
    assert report.versions.filter(action="saved").count() == 1  # folded into one draft
    assert ReportVersion.objects.filter(report=report).last().data["results"] == report.results
    statements = [q for q in sql if "SAVEPOINT" not in q]  # the test's own transaction
    writes = [q.split('"')[1] for q in statements if not q.startswith("SELECT")]
    # The reading did not change: it is not written again; the version is folded, not added.
    assert writes == ["tracking_progressreport", "tracking_reportversion"]
    read_alone = ('FROM "tracking_notification"', 'FROM "tracking_period"')
    assert not [q for q in statements if q.split(" WHERE ")[0].endswith(read_alone)]
    assert len(statements) <= 12


def test_a_changed_reading_is_written_and_kept_in_the_version(
    client, official, task, target, period
):
    report = services.report_start(task=task, period=period, by=official)
    client.force_login(official)
    autosave(client, report, target_id=target.pk, reading="12")
    sql = autosave(client, report, target_id=target.pk, reading="13,5")
    assert any(q.startswith('UPDATE "tracking_targetreading"') for q in sql)
    assert report.readings.get().value == Decimal("13.5")
    assert report.versions.order_by("pk").last().data["readings"] == {str(target.pk): "13.5"}

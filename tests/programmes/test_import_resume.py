"""A long import whose queued task was lost (Redis restarted empty) is saved by beat's
catch-up; one the worker is saving right now is left to it."""

import pytest
from django.db import connections

from programmes import services
from programmes.imports import read_task_sheet
from programmes.models import ImportBatch, Task
from tests.factories import BodyFactory, ProgrammeFactory
from tests.programmes.test_excel_import import GOOD, workbook

pytestmark = pytest.mark.django_db


@pytest.fixture
def lost_import(monkeypatch, leader):
    """A long import marked running whose message the broker took and then lost."""
    BodyFactory(name="Sở Tài chính tỉnh Đồng Nai", short_name="Sở Tài chính")
    BodyFactory(name="Sở Xây dựng tỉnh Đồng Nai", short_name="Sở Xây dựng")
    BodyFactory(name="Sở Kế hoạch và Đầu tư", short_name="Sở KH&ĐT")
    monkeypatch.setattr(services, "IMPORT_IN_BACKGROUND", 3)
    monkeypatch.setattr("celery.current_app.send_task", lambda *args, **kwargs: None)
    programme = ProgrammeFactory()
    batch = ImportBatch.objects.create(
        programme=programme,
        file_name="nhiem-vu.xlsx",
        reading=read_task_sheet(workbook(GOOD)).as_json(),
        created_by=leader,
    )
    assert services.import_start(batch=batch, by=leader) is False  # queued, never run
    return batch


def test_beat_saves_a_running_import_whose_task_was_lost(lost_import):
    assert services.imports_resume() == 1
    lost_import.refresh_from_db()
    assert lost_import.state == ImportBatch.State.APPLIED
    assert Task.objects.filter(programme=lost_import.programme).count() == 7
    assert services.imports_resume() == 0
    assert services.import_run(batch_pk=lost_import.pk) == 7  # the late message: nothing twice
    assert Task.objects.filter(programme=lost_import.programme).count() == 7


@pytest.mark.django_db(transaction=True)
def test_an_import_a_worker_is_saving_is_left_to_it(lost_import):
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            cursor.execute("BEGIN")  # the worker's lock on the batch, from its connection
            cursor.execute(
                "SELECT id FROM programmes_importbatch WHERE id = %s FOR UPDATE", [lost_import.pk]
            )
            assert services.imports_resume() == 0
            cursor.execute("ROLLBACK")
    finally:
        other.close()
    assert services.imports_resume() == 1  # once the worker is gone, beat takes it up

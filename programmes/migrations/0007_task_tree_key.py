"""Each task keeps its place in the programme's order (the positions from the root down), so
that lists sort as the programme is numbered: I before II, 1.2 before 1.10."""

from django.db import migrations, models


def fill(apps, schema_editor):
    Task = apps.get_model("programmes", "Task")
    parents = dict(Task.objects.values_list("pk", "parent_id"))
    positions = dict(Task.objects.values_list("pk", "position"))
    keys: dict[int, str] = {}

    def key(pk):
        if pk not in keys:
            parent = parents[pk]
            own = f"{min(positions[pk], 9999):04d}"
            keys[pk] = f"{key(parent)}.{own}" if parent else own
        return keys[pk]

    changed = []
    for pk in parents:
        task = Task(pk=pk, tree_key=key(pk))
        changed.append(task)
    Task.objects.bulk_update(changed, ["tree_key"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [("programmes", "0006_schedule_imports_resume")]

    operations = [
        migrations.AddField(
            model_name="task",
            name="tree_key",
            field=models.CharField(default="", editable=False, max_length=255),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="task",
            index=models.Index(
                fields=["programme", "tree_key"], name="programmes__program_8d23c4_idx"
            ),
        ),
    ]

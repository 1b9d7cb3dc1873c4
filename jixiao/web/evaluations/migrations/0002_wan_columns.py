"""The list's amount columns are in 万元: records of tables stated in 元 are converted."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import migrations


def to_wan(apps, schema_editor):
    Record = apps.get_model("evaluations", "Record")
    for record in Record.objects.filter(data__funds__unit="元").only("pk", "adjusted_budget", "executed"):
        update = {}
        for name in ("adjusted_budget", "executed"):
            value = getattr(record, name)
            if value is not None:
                update[name] = (Decimal(value) / 10000).quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
        Record.objects.filter(pk=record.pk).update(**update)


class Migration(migrations.Migration):
    dependencies = [("evaluations", "0001_initial")]
    operations = [migrations.RunPython(to_wan, migrations.RunPython.noop)]

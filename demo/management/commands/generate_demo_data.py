import time

from django.core.management.base import BaseCommand

from demo.province import Scale, generate, purge


class Command(BaseCommand):
    help = (
        "Make synthetic province-scale data (150 bodies, 40 programmes × 300 tasks, 2,000 "
        "accounts, 10⁶ reports at --scale 1). Everything made is marked demo- and replaced on "
        "the next run; --purge only removes it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.1, help="1 = full scale")
        parser.add_argument("--tasks-per-programme", type=int, default=300)
        parser.add_argument("--reports", type=int, default=None, help="override the count")
        parser.add_argument("--purge", action="store_true")
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, **options):
        if options["purge"]:
            purge()
            self.stdout.write("demo data removed")
            return
        scale = Scale(tasks_per_programme=options["tasks_per_programme"]).times(options["scale"])
        if options["reports"] is not None:
            scale.reports = options["reports"]
        started = time.perf_counter()
        counts = generate(scale, seed=options["seed"], log=self.stdout.write)
        elapsed = time.perf_counter() - started
        self.stdout.write(
            ", ".join(f"{value} {name}" for name, value in counts.items()) + f" in {elapsed:.0f} s"
        )

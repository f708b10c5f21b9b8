from django.core.management.base import BaseCommand

from programmes.seeding import DEMO_PASSWORD, seed_load


class Command(BaseCommand):
    help = "Load the seed bodies and programmes (idempotent); --demo-accounts adds one per role."

    def add_arguments(self, parser):
        parser.add_argument("--demo-accounts", action="store_true")

    def handle(self, *args, demo_accounts: bool = False, **options):
        result = seed_load(demo_accounts=demo_accounts)
        self.stdout.write(f"{result.bodies} bodies")
        for programme in result.programmes:
            self.stdout.write(f"programme: {programme}")
        if result.accounts:
            self.stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):")
            for username, role in result.accounts:
                self.stdout.write(f"  {username:10} {role}")

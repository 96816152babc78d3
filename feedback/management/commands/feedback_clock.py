"""Run from cron or a systemd timer (hourly is plenty): the satisfaction questionnaires of
finished events, the freshness reminders and the purge of usage counts past 25 months.
Idempotent: each e-mail is sent once however often it runs."""

from django.core.management.base import BaseCommand
from django.db import transaction

from feedback import services, tasks


class Command(BaseCommand):
    help = "Questionnaires de satisfaction et rappels de fraîcheur."

    def handle(self, *args, **options):
        with transaction.atomic():
            surveys = services.survey_schedule()
            reminders = services.freshness_remind()
            transaction.on_commit(tasks.purge_usage.enqueue)
        self.stdout.write(f"{surveys} questionnaire(s) et {reminders} rappel(s) à envoyer.")

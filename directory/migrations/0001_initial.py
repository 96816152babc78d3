"""The directory moves out of kb: its models, their tables unchanged.

After kb 0008, which added the entry's given and family names while the model was still in
kb: databases migrated before the move have it applied, new ones run it before this.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('kb', '0008_coordinator_given_family_names'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    # The tables exist already (created by kb, which held the directory): only Django's
    # state moves here; the tables keep their names (Meta.db_table).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Coordinator',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('given_name', models.CharField(blank=True, max_length=75, verbose_name='prénom')),
                        ('family_name', models.CharField(blank=True, max_length=75, verbose_name='nom de famille')),
                        ('name', models.CharField(blank=True, help_text="Pour une personne, rempli d'après le prénom et le nom. Pour une fonction ou une structure (« Coordination TZNR — … »), son intitulé, prénom et nom vides.", max_length=150, verbose_name='nom affiché')),
                        ('role', models.CharField(max_length=150, verbose_name='fonction')),
                        ('organisation', models.CharField(blank=True, max_length=200, verbose_name='structure')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='courriel professionnel')),
                        ('phone', models.CharField(blank=True, max_length=30, verbose_name='téléphone professionnel')),
                        ('consent_date', models.DateField(default=django.utils.timezone.localdate, verbose_name='date du consentement')),
                        ('consent_scope', models.CharField(default='Annuaire réservé aux membres de la communauté apprenante', max_length=200, verbose_name='portée du consentement')),
                        ('last_confirmed', models.DateField(default=django.utils.timezone.localdate, verbose_name='dernière confirmation')),
                        ('show_organisation', models.BooleanField(default=True, verbose_name='afficher la structure')),
                        ('show_email', models.BooleanField(default=True, verbose_name='afficher le courriel')),
                        ('show_phone', models.BooleanField(default=False, verbose_name='afficher le téléphone')),
                        ('show_expertise', models.BooleanField(default=True, verbose_name='afficher les axes et publics')),
                        ('axes', models.ManyToManyField(blank=True, related_name='coordinators', to='kb.axis', verbose_name="axes d'expertise")),
                        ('publics', models.ManyToManyField(blank=True, related_name='coordinators', to='kb.public', verbose_name='publics')),
                        ('territory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='coordinators', to='kb.territory', verbose_name='territoire')),
                        ('user', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='coordinator', to=settings.AUTH_USER_MODEL, verbose_name='compte')),
                    ],
                    options={
                        'verbose_name': 'coordonnateur',
                        'verbose_name_plural': 'annuaire des coordonnateurs',
                        'db_table': 'kb_coordinator',
                        'ordering': ['territory__numero', 'name'],
                        'permissions': [('export_coordinator', "Peut exporter l'annuaire (CSV)")],
                    },
                ),
                migrations.CreateModel(
                    name='DirectoryExport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('username', models.CharField(max_length=150, verbose_name='identifiant')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='date')),
                        ('filters', models.JSONField(blank=True, default=dict, verbose_name='filtres')),
                        ('row_count', models.PositiveIntegerField(verbose_name='lignes exportées')),
                        ('user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='compte')),
                    ],
                    options={
                        'verbose_name': "export de l'annuaire",
                        'verbose_name_plural': "journal des exports de l'annuaire",
                        'db_table': 'kb_directoryexport',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Invitation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, verbose_name='courriel')),
                        ('token_hash', models.CharField(editable=False, max_length=64, unique=True)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='envoyée le')),
                        ('expires_at', models.DateTimeField(verbose_name='expire le')),
                        ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='utilisée le')),
                        ('invited_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='invité par')),
                        ('territory', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='kb.territory', verbose_name='territoire')),
                    ],
                    options={
                        'verbose_name': 'invitation',
                        'verbose_name_plural': 'invitations',
                        'db_table': 'kb_invitation',
                        'ordering': ['-created_at'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

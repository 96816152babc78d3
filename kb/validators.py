from django.core.validators import MaxValueValidator, MinValueValidator

# The programme runs from 2023: a year outside is a typing mistake.
YEAR_VALIDATORS = [
    MinValueValidator(2023, "L'année doit être comprise entre 2023 et 2030."),
    MaxValueValidator(2030, "L'année doit être comprise entre 2023 et 2030."),
]

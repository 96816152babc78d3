"""Registrations to events and private calendar feeds."""

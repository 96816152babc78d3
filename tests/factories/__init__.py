"""Factories per app (factory_boy, wagtail-factories): each test builds the pages it needs."""

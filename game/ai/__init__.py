"""Policies: random, scripted (and later the search AI)."""

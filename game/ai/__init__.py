"""Policies: random, scripted and the search AI (ai:easy, ai:normal, ai:hard)."""

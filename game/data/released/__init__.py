"""The shipped scenarios as each release shipped them: <game version>/<scenario id>/, never edited.

Saves of formats 1 and 2 hold an order log, not a state; game.session.save_migrate replays that log under
the copy here whose content hash is the save's, so such a save survives a newer version of its scenario.
A release that changes a shipped scenario adds its copy under its own version folder.
"""

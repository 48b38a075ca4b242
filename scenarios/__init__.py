"""The scenarios shipped with the game, installed as the package `game.data.scenarios` (see game/data).

Each folder here holding a scenario.toml is one scenario; this file only makes the folder a package so
that importlib.resources finds it in every kind of install.
"""

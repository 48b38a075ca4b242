"""The game's assets (the pygame_gui theme and the palette), installed as the package `game.data.assets`
(see game/data); this file only makes the folder a package so that importlib.resources finds it."""

"""Open the window on the right first screen and run it until the player quits."""

from __future__ import annotations

from game.ui.app import App, Options


def first_screen(app: App, session=None, scenario=None) -> None:
    """Show what the command line asked for: a loaded game, a new game with both seats, the new-game
    screen (scenario or seed given without seats) or the main menu."""
    from game.ui.flow import GameFlow
    from game.ui.scenes.menu import MainMenuScene
    from game.ui.scenes.newgame import NewGameScene
    from game.ui.start import start_new

    o = app.options
    if session is not None:
        GameFlow(app, session, turns_limit=o.turns).start()
    elif o.us and o.ussr and scenario is not None:
        import secrets

        seed = o.seed if o.seed is not None else (0 if o.autoplay else secrets.randbelow(2**31))
        start_new(app, scenario, o.us, o.ussr, seed, o.names)
    elif o.scenario or o.seed is not None:
        app.show(NewGameScene(app, scenario=o.scenario, seed=o.seed))
    else:
        app.show(MainMenuScene(app))


def run_window(options: Options, session=None, scenario=None, prepare=None) -> int:
    """Open the window and run it; returns the exit code. `prepare`, when given, is slow work that must
    finish before the first screen (compiling the rules on a first start): the window shows that it is
    under way meanwhile, and if it raises, its message goes to stderr and the exit code is 1."""
    from game.ui.scenes.preparing import PreparingScene

    app = App(options)
    try:
        if prepare is None:
            first_screen(app, session, scenario)
        else:
            app.show(PreparingScene(app, prepare, then=lambda: first_screen(app, session, scenario)))
        return app.run()
    finally:
        app.close()


__all__ = ["Options", "run_window", "first_screen"]

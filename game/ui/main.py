"""Open the window on the right first screen and run it until the player quits."""

from __future__ import annotations

from game.ui.app import App, Options


def first_screen(app: App, session=None, scenario=None) -> None:
    """Show what the command line asked for: a game loaded before the window (`session`) or still to load
    (`options.load`), a new game with both seats, the new-game screen (scenario or seed given without
    seats) or the main menu. A game asked for before the rules engine is ready waits for it on the
    waiting screen; if it then cannot start, the window closes with the reason and exit code 1."""
    from game.ui.flow import GameFlow
    from game.ui.scenes.menu import MainMenuScene
    from game.ui.scenes.newgame import NewGameScene
    from game.ui.start import start_loaded, start_new, when_ready

    o = app.options
    if session is not None:
        GameFlow(app, session, turns_limit=o.turns).start()
    elif o.load:
        def load_it() -> None:
            from game.session.saves import SaveError

            try:
                start_loaded(app, o.load)
            except SaveError as exc:
                raise SaveError(f"cannot load {o.load}: {exc}") from None

        when_ready(app, load_it, fatal=True)
    elif o.us and o.ussr and scenario is not None:
        import secrets

        seed = o.seed if o.seed is not None else (0 if o.autoplay else secrets.randbelow(2**31))
        start_new(app, scenario, o.us, o.ussr, seed, o.names, fatal=True)
    elif o.scenario or o.seed is not None:
        app.show(NewGameScene(app, scenario=o.scenario, seed=o.seed))
    else:
        app.show(MainMenuScene(app))


def run_window(options: Options, session=None, scenario=None, prepare=None) -> int:
    """Open the window and run it; returns the exit code. `prepare`, when given, is the job of a
    game/ui/preparation.Preparation that makes the rules engine ready (the first start after an
    install): it starts at once in the background, and the first screen shows meanwhile. The window
    ends that job if it closes first."""
    from game.ui.preparation import Preparation

    app = App(options)
    try:
        if prepare is not None:
            app.core = Preparation(prepare)
        first_screen(app, session, scenario)
        return app.run()
    finally:
        app.close()


__all__ = ["Options", "run_window", "first_screen"]

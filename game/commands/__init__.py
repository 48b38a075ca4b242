"""One module per command of `spacerace`; each has add_parser(subparsers) and run(args).

To add a command, write a module here and list it in COMMANDS.
"""

COMMANDS = ["simulate", "bench", "validate", "arena", "scenarios", "schema", "new_scenario", "events_from_text", "play",
            "forecast"]

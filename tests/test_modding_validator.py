"""The validator: every problem at once, with severity, FILE:LINE, the field's path and a
"did you mean". Each test breaks the tiny scenario one way and reads the verdict."""

from __future__ import annotations

from game.scenario import validate
from tests.modding_kit import TINY, messages, write_scenario

EVENT = '[[event]]\nid = "{id}"\ntitle = "T"\ntext = "T"\nsource = "test"\n{rest}\n'


def check(tmp_path, files: dict[str, str]) -> list[str]:
    return messages(validate(write_scenario(tmp_path / "tiny", files)))


def events(*blocks: str) -> dict[str, str]:
    return {"events.toml": TINY["events.toml"] + "\n" + "\n".join(blocks)}


def has(found: list[str], *parts: str) -> bool:
    return any(all(p in m for p in parts) for m in found)


def test_the_tiny_scenario_is_clean(tmp_path):
    assert check(tmp_path, {}) == []


def test_unknown_fields_wrong_types_and_out_of_range_values_all_at_once(tmp_path):
    programs = (TINY["programs.toml"].replace("flight_cost = 2", "flight_kost = 2", 1)
                .replace('kind = "launcher"', 'kind = "lancher"', 1)
                .replace("reliability = 0.6", "reliability = 1.6", 1)
                .replace("start_cost = 10", 'start_cost = "ten"', 1))
    found = check(tmp_path, {"programs.toml": programs})
    assert has(found, "programs.toml:7: error: program.rocket_us.flight_kost: unknown field 'flight_kost'",
               "(did you mean 'flight_cost'?)")
    assert has(found, "programs.toml:5: error: program.rocket_us.kind: must be one of", "(did you mean 'launcher'?)")
    assert has(found, "programs.toml:9: error: program.rocket_us.reliability: 1.6 is out of range (0.01 to 1)")
    assert has(found, "programs.toml:6: error: program.rocket_us.start_cost: must be a number, not a string")
    assert has(found, "program.rocket_us.flight_cost: missing required field")


def test_unknown_references_of_every_kind(tmp_path):
    found = check(tmp_path, {
        "missions.toml": TINY["missions.toml"].replace('earns = ["satellite"]', 'earns = ["satelite"]', 1),
        "milestones.toml": TINY["milestones.toml"] + 'requires = ["orbit"]\n',
        **events(EVENT.format(id="e1", rest='date = "1958"\neffects = { unlock = ["rocket_uss"], fire = { igi = 1 },'
                                            ' clear_flags = ["ig"], reliability = { rocket_zz = 0.1 } }\n'
                                            'trigger = { flags = ["igyy"] }')),
    })
    assert has(found, "missions.toml:5: error: mission.us_satellite.steps[0].earns[0]: unknown milestone 'satelite'",
               "(did you mean 'satellite'?)")
    assert has(found, "milestone.satellite.requires[0]: unknown milestone 'orbit'")
    assert has(found, "event.e1.effects.unlock[0]: unknown program or mission 'rocket_uss'", "'rocket_us'")
    assert has(found, "event.e1.effects.fire.igi: unknown event 'igi'", "(did you mean 'igy'?)")
    assert has(found, "event.e1.effects.clear_flags[0]: flag 'ig' is never set", "(did you mean 'igy'?)")
    assert has(found, "event.e1.trigger.flags[0]: flag 'igyy' is never set", "(did you mean 'igy'?)")
    assert has(found, "event.e1.effects.reliability.rocket_zz: unknown program 'rocket_zz'")


def test_prerequisite_cycles(tmp_path):
    programs = TINY["programs.toml"].replace('side = "us"', 'side = "us"\nrequires = ["rocket_us"]', 1)
    milestones = TINY["milestones.toml"] + '\n[[milestone]]\nid = "orbit"\nname = "O"\nrequires = ["satellite"]\n' \
        'prestige = { first = 1, second = 1 }\n'
    milestones = milestones.replace('name = "First satellite"', 'name = "First satellite"\nrequires = ["orbit"]')
    found = check(tmp_path, {"programs.toml": programs, "milestones.toml": milestones})
    assert has(found, "error: program.rocket_us.requires: programs require each other in a cycle: "
                      "rocket_us -> rocket_us")
    assert has(found, "milestones require each other in a cycle: satellite -> orbit -> satellite")


def test_missions_that_never_fly_and_milestones_nobody_earns(tmp_path):
    programs = TINY["programs.toml"].replace('side = "ussr"', 'side = "ussr"\nlocked = true', 1)
    missions = TINY["missions.toml"].replace('side = "us"', 'side = "us"\navailable = "1999-01"', 1)
    milestones = TINY["milestones.toml"] + '\n[[milestone]]\nid = "orbit"\nname = "O"\nprestige = { first = 1, ' \
        'second = 1 }\n'
    found = check(tmp_path, {"programs.toml": programs, "missions.toml": missions, "milestones.toml": milestones})
    assert has(found, "warning: mission.su_satellite.steps: can never fly: program 'rocket_su' can never be developed")
    assert has(found, "warning: mission.us_satellite.id: can never fly: it is available only from 1999-01")
    assert has(found, "warning: milestone.orbit.id: no mission can earn it")
    assert has(found, "warning: milestone.satellite.id: only missions that can never fly earn it")
    assert not has(found, ": error: ")  # dead content is a warning: the game can still be played


def test_events_that_can_never_fire(tmp_path):
    found = check(tmp_path, events(
        EVENT.format(id="late", rest='date = "1999-01"'),
        EVENT.format(id="shut", rest='trigger = { after = "1959-01", before = "1958-01" }\nmtth = 3'),
        EVENT.format(id="paradox", rest='mtth = 3\ntrigger = { has = ["satellite"], lacks = ["satellite"] }'),
        EVENT.format(id="flagged", rest='mtth = 3\ntrigger = { flags = ["igy"], not_flags = ["igy"] }'),
        EVENT.format(id="rich", rest='who = "us"\nmtth = 3\ntrigger = { min_budget = 50, max_budget = 10 }'),
        EVENT.format(id="orphan", rest=""),
    ))
    assert has(found, "warning: event.late.date: can never fire: its date is after the scenario ends")
    assert has(found, "warning: event.shut.trigger: can never fire: its window closes before it opens")
    assert has(found, "warning: event.paradox.trigger: can never fire: the trigger both has and lacks ['satellite']")
    assert has(found, "warning: event.flagged.trigger: can never fire")
    assert has(found, "warning: event.rich.trigger: can never fire: min_budget 50 is above max_budget 10")
    assert has(found, "warning: event.orphan.id: can never fire: it has no date or mtth and no event fires it")


def test_events_that_fire_each_other(tmp_path):
    found = check(tmp_path, events(
        EVENT.format(id="ping", rest='once = false\nmtth = 5\neffects = { fire = { pong = 1 } }'),
        EVENT.format(id="pong", rest='once = false\neffects = { fire = { ping = 1 } }'),
        EVENT.format(id="self", rest='date = "1958"\neffects = { fire = { self = 2 } }'),
        EVENT.format(id="now", rest='date = "1958"\neffects = { fire = { ping = 0 } }'),
    ))
    assert has(found, "warning:", "repeatable events fire each other in an endless ring: ping -> pong -> ping")
    assert has(found, "error: event.self.effects.fire: an event cannot fire itself")
    assert has(found, "error: event.now.effects.fire.ping: 0 is out of range (1 to 100)")


def test_effects_and_triggers_that_make_no_sense_for_the_receiver(tmp_path):
    found = check(tmp_path, events(
        EVENT.format(id="both_opts", rest='date = "1958"\n[[event.option]]\ntext = "A"'),
        EVENT.format(id="sabotage", rest='who = "us"\ndate = "1958"\neffects = { reliability = { rocket_su = -0.1 } }'),
        EVENT.format(id="both_rival", rest='date = "1958"\ntrigger = { rival_has = ["satellite"] }'),
    ))
    assert has(found, "error: event.both_opts.option[0]: options need a single receiver")
    assert has(found, "warning: event.sabotage.effects.reliability: 'rocket_su' belongs to the other side")
    assert has(found, "error: event.both_rival.trigger: trigger 'rival_has' needs a single receiver")


def test_dates_and_the_decisive_goal(tmp_path):
    scenario = (TINY["scenario.toml"]
                + '\n[victory]\ndecisive_milestone = "satelite"\ndecisive_deadline = "1957-02-30"\n')
    found = check(tmp_path, {"scenario.toml": scenario, **events(EVENT.format(id="d", rest='date = "1958-07-04"'))})
    assert has(found, "scenario.toml:20: error: victory.decisive_milestone: unknown milestone 'satelite'",
               "(did you mean 'satellite'?)")
    assert has(found, "scenario.toml:21: error: victory.decisive_deadline: must be a date")
    assert not has(found, "event.d")


def test_broken_toml_is_one_clear_error(tmp_path):
    found = check(tmp_path, {"missions.toml": TINY["missions.toml"] + "\n[[mission]\nid = \n"})
    assert len(found) == 1 and has(found, "missions.toml:13: error: TOML syntax error")


def test_the_rules_numbers_are_checked_and_an_estimate_that_drifts_is_a_warning(tmp_path):
    scenario = TINY["scenario.toml"] + "\n[rules]\nmin_step_chance = 2\nintel_noise = -1\nestimate_memory = 0.9\n"
    found = check(tmp_path, {"scenario.toml": scenario})
    assert has(found, "error: rules.min_step_chance: 2 is out of range (0 to 1)")
    assert has(found, "error: rules.intel_noise: -1 is out of range (0 to 1)")
    assert has(found, "warning: rules.estimate_memory: estimate_memory² + estimate_renewal² is 1.320, not 1",
               "estimate_memory = 0.9 wants estimate_renewal = 0.436")
    fitting = TINY["scenario.toml"] + "\n[rules]\nestimate_memory = 0.9\nestimate_renewal = 0.436\n"
    assert check(tmp_path / "again", {"scenario.toml": fitting}) == []

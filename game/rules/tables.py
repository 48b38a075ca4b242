"""The compiled rules: every number of a scenario as numpy tables.

`Rules` is built by `game.scenario.compile` from validated scenario files and
never changes during a game. Sizes used in the shapes below:

    S = 2 sides (0 = US, 1 = USSR)      P = programs     M = missions
    K = milestones                      E = events       O = event options
    R = E + O effect rows               F = flags        T = turns
    J = most steps of any mission       L = most launch pads of a side
    X = effect columns (one per (kind, target) any effect uses)
    RC = records                        OP = operations (ongoing missions; "O" in issue 19's spec)
    N = people (both sides)             G = recruitment groups          C = most crew seats of a mission

Index P of a program-indexed "extended" array is a dummy program (always
developed, reliability 1, cost 0) that pads missions with fewer roles or steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

US, USSR = 0, 1
SIDES = ("us", "ussr")
BOTH = 2

# Launch outcomes, as stored in State.launch_outcome.
NO_LAUNCH, SUCCESS, PARTIAL, FAILURE, CREW_LOST, SCRUBBED = 0, 1, 2, 3, 4, 5
OUTCOME_NAMES = ("none", "success", "partial", "failure", "crew lost", "scrubbed")

# Crew skill disciplines (the last axis of Rules.person_skill0 and State.skill; Rules.step_skill's values).
SKILL_NAMES = ("piloting", "eva", "docking", "endurance", "command")
# Skill and morale are kept in State as whole steps of 1/SKILL_STEPS (uint8, 0..SKILL_STEPS): exact sums,
# a quarter of the bytes of float32. skill_values gives what a step is worth as a float32 (the core's
# crews.step_value, bit for bit); skill_steps the nearest step of a value (rules numbers, saved floats).
SKILL_STEPS = 100


def skill_values(steps) -> np.ndarray:
    """float32 (same shape): the value of each step count, steps / SKILL_STEPS rounded once."""
    return np.asarray(steps).astype(np.float32) / np.float32(SKILL_STEPS)


def skill_steps(values) -> np.ndarray:
    """uint8 (same shape): the nearest whole step of each value in 0..1 (NaN: 0), clipped to 0..SKILL_STEPS."""
    v = np.nan_to_num(np.asarray(values, np.float64), nan=0.0)
    return np.clip(np.rint(v * SKILL_STEPS), 0, SKILL_STEPS).astype(np.uint8)


# Person status codes, as stored in State.person_status.
NOT_RECRUITED, ACTIVE, RESTING, TRAINING, RETIRED, RESIGNED, DEAD = 0, 1, 2, 3, 4, 5, 6
PERSON_STATUS_NAMES = ("not recruited", "active", "resting", "training", "retired", "resigned", "dead")

# Program status codes, as returned by observe().
LOCKED, AVAILABLE, DEVELOPING, READY, GROUNDED, CANCELLED = 0, 1, 2, 3, 4, 5
STATUS_NAMES = ("locked", "available", "developing", "ready", "grounded", "cancelled")

# Game results, as returned by outcome().
ONGOING, US_WINS, USSR_WINS, DRAW = -1, 0, 1, 2


@dataclass(frozen=True)
class EffectColumns:
    """Where each effect column of `Rules.effects` lands in the state.

    Columns 0..7 are always (budget, cash, prestige, research) x (US, USSR).
    The rest come in groups: int arrays of column indices into the [R, X]
    effect matrix and, beside them, the target (program, mission, flag or event).
    """

    program_cols: dict[str, tuple[np.ndarray, np.ndarray]]  # reliability|cost|ground|unlock|cancel -> (cols, program)
    mission_cols: dict[str, tuple[np.ndarray, np.ndarray]]  # unlock|cancel -> (cols, mission)
    flag_cols: dict[str, tuple[np.ndarray, np.ndarray]]  # set|clear -> (cols, flag)
    fire_cols: list[tuple[int, np.ndarray, np.ndarray]]  # (delay, cols, event)


def _frozen(a: np.ndarray) -> np.ndarray:
    a.flags.writeable = False
    return a


@dataclass(frozen=True)
class Rules:
    """Immutable compiled scenario. Arrays are numpy; see the module docstring for sizes."""

    scenario_id: str
    content_hash: str
    # names
    program_ids: tuple[str, ...]
    mission_ids: tuple[str, ...]
    milestone_ids: tuple[str, ...]
    event_ids: tuple[str, ...]
    flag_ids: tuple[str, ...]
    # calendar
    n_turns: int                 # T
    turns_per_year: int
    months_per_turn: int
    start_month: int             # absolute month (year * 12 + month - 1) of turn 0
    new_year: np.ndarray         # bool [T + 1]: the turn opens a new budget year
    baseline: np.ndarray         # float32 [T + 1, S] yearly budget baseline of the turn's year
    # sides
    pads: np.ndarray             # int [S]
    start_cash: np.ndarray       # float32 [S]
    secret_failures: np.ndarray  # bool [S]
    # economy and rules scalars
    prestige_budget_factor: float
    budget_swing: float
    noise_sd: float
    noise_persistence: float
    carryover_cap: float
    review_threshold: float
    review_strikes: int
    skip_penalty: float
    rush_penalty: float
    crew_loss_prestige: float
    grounding_turns: int
    learn_success: float
    learn_failure: float
    estimate_noise: float
    decisive_milestone: int      # -1: none
    decisive_deadline: int       # absolute month (year * 12 + month - 1) before which the decisive milestone wins
    # programs
    prog_side: np.ndarray        # int [P]
    side_programs: tuple          # (int array of US program indices, int array of USSR ones)
    funding_cap: np.ndarray      # float32 [P]: no program takes more in a turn (max of dev_cap, research_pay_cap)
    start_cost: np.ndarray       # float32 [P]
    dev_cap: np.ndarray          # float32 [P]: most development money a turn
    research_pay_cap: np.ndarray  # float32 [P]: most research money a turn (2 * research_cost)
    prog_open_by_turn: np.ndarray  # bool [T + 1, P]: past its date (locks and prerequisites aside)
    prog_free: np.ndarray        # bool [P]: not locked
    flight_cost: np.ndarray      # float32 [P + 1]
    research_cost: np.ndarray    # float32 [P]
    inv_research_cost: np.ndarray  # float32 [P]: 1 / research_cost
    rel0: np.ndarray             # float32 [P]
    research_cap: np.ndarray     # float32 [P]
    max_rel: np.ndarray          # float32 [P]
    prog_avail_turn: np.ndarray  # int [P]
    prog_locked: np.ndarray      # bool [P]
    prog_prereq: np.ndarray      # float32 [P, P]: [p, q] = 1 when p requires q
    # missions
    mis_side: np.ndarray         # int [M]
    mis_avail_turn: np.ndarray   # int [M]
    mis_locked: np.ndarray       # bool [M]
    mis_free: np.ndarray         # bool [M]: not locked
    mis_crew: np.ndarray         # int [M]
    mis_cost: np.ndarray         # float32 [M]: extra cost a flight
    mis_steps: np.ndarray        # int [M]: number of steps
    step_prog: np.ndarray        # int [M, J]: program of each step (P pads)
    step_real: np.ndarray        # float32 [M, J]: 1 for a real step
    step_lethality: np.ndarray   # float32 [M, J + 1]: crew death chance when that step fails
    cum_earn_bits: np.ndarray    # uint64 [M, J + 1]: milestones earned when exactly j steps passed (bit masks)
    mis_target_bits: np.ndarray  # uint64 [M]: mis_targets as bit masks
    mis_prereq_bits: np.ndarray  # uint64 [M]: mis_prereq as bit masks
    mis_targets: np.ndarray      # bool [M, K]: milestones the mission can earn
    mis_prereq: np.ndarray       # float32 [K, M]: prerequisite milestones of its targets (not the targets)
    mis_prereq_count: np.ndarray  # float32 [M]
    role_prog: np.ndarray        # int [M, R]: distinct programs a mission flies (P pads)
    role_first_step: np.ndarray  # int [M, R]: first step each role flies
    mis_prog_use: np.ndarray     # bool [M, P]
    # milestones
    prestige_first: np.ndarray   # float32 [K]
    prestige_second: np.ndarray  # float32 [K]
    prestige_repeat: np.ndarray  # float32 [K]
    prestige_failure: np.ndarray  # float32 [K]
    # events: who and when
    ev_recv: np.ndarray          # int [E]: 0 us, 1 ussr, 2 both
    ev_public: np.ndarray        # bool [E]
    ev_chance: np.ndarray        # float32 [E]: chance a turn while the trigger holds (0: fired by others only)
    ev_first_turn: np.ndarray    # int [E]
    ev_last_turn: np.ndarray     # int [E]
    ev_once: np.ndarray          # bool [E]
    ev_cooldown: np.ndarray      # int [E]
    ev_fire_target: np.ndarray   # bool [E]: some effect fires this event
    flag_seen_by: np.ndarray     # bool [S, F]: the side hears of the events that set the flag
    # events: trigger tables
    trig_bits: np.ndarray        # uint64 [5, E]: milestone masks: US must hold, USSR must hold,
    #                              US must lack, USSR must lack, someone must hold (each bit)
    trig_flags: np.ndarray       # float32 [F, E]
    trig_flags_count: np.ndarray  # float32 [E]
    trig_not_flags: np.ndarray   # float32 [F, E]
    trig_min_prestige: np.ndarray  # float32 [E]
    trig_max_prestige: np.ndarray  # float32 [E]
    trig_min_lead: np.ndarray    # float32 [E]
    trig_min_budget: np.ndarray  # float32 [E]
    trig_max_budget: np.ndarray  # float32 [E]
    trig_rel_prog: np.ndarray    # int [E] (P: none)
    trig_rel_min: np.ndarray     # float32 [E]
    trig_side: np.ndarray        # int [E]: side whose numbers the threshold tests read
    # events: options
    opt_event: np.ndarray        # int [O]: event of each option row
    opt_index: np.ndarray        # int [O]: option number within its event
    ev_n_options: np.ndarray     # int [E]
    opt_cum_weight: np.ndarray   # float32 [E, maxopt]: cumulative normalised AI weights (1 past the last)
    # effects
    effects: np.ndarray          # float32 [R, X]
    effect_cols: EffectColumns = field(repr=False)
    # the rules' other numbers (game.scenario.schema's [rules]; defaults for Rules made by hand)
    intel_noise: float = 0.15           # spread of a side's estimate of the rival's budget, a share of it
    min_step_chance: float = 0.01       # no step's success chance is lower, whatever the penalties
    estimate_memory: float = 0.7        # share of a reliability estimate's error kept at each observation
    estimate_renewal: float = 0.714     # spread of the fresh error each observation brings
    research_luck: float = 0.5          # research's random factor lies between 1 - this and 1 + this
    rush_window: float = 0.5            # a rushed launch flies in this first share of the turn
    min_reliability: float = 0.01       # no effect takes a program's reliability lower
    min_research_speed: float = 0.1     # no effect takes a side's research speed lower
    min_cost_multiplier: float = 0.1    # no effect takes a program's flight cost multiplier lower
    # the scripted plan
    ai_launch_threshold: float = 0.55
    ai_crewed_launch_threshold: float = 0.7
    ai_focus: int = 3
    ai_research_share: float = 0.8
    mis_ai_priority: np.ndarray = field(default_factory=lambda: np.zeros(0))  # float32 [M]
    # records (best values a side can raise) and operations (missions that keep running, turn after turn);
    # Rules made by hand have none (game.rules.kernel_tables pads the mission-indexed ones to M)
    record_ids: tuple[str, ...] = ()
    record_prestige: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # float32 [RC]
    record_min_gain: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # float32 [RC]
    mis_record_value: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    #                              float32 [M, RC]: value the mission sets on full success (0: none)
    op_ids: tuple[str, ...] = ()
    op_side: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # int64 [OP]
    op_prestige: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # float32 [OP]: each turn
    op_upkeep: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # float32 [OP]: each turn
    op_turns: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # int64 [OP]: turns a start runs
    op_record: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # int64 [OP]: record (-1 none)
    mis_starts_op: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # int64 [M]: -1 none
    # money after the goal and prestige fade
    overflow_cut: float = 0.0     # share of savings lost over carryover_cap also cut from next year's budget
    prestige_fade: float = 0.0    # share of each side's prestige that fades at every new budget year

    # the corps (people.toml): N people of both sides in one list, G recruitment groups; Rules made by hand
    # have none. Skill disciplines, in order: piloting, eva, docking, endurance, command (SKILL_NAMES).
    person_ids: tuple[str, ...] = ()
    person_names: tuple[str, ...] = ()
    person_side: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # int64 [N]
    person_group: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # int64 [N]
    person_skill0: np.ndarray = field(default_factory=lambda: np.zeros((0, 5), np.float32))  # float32 [N, 5]
    person_start_status: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int8))  # int8 [N]: 1 or 4
    person_retire_turn: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # int64 [N]: first
    #                              turn retired by the `retires` date (32000, past any game, if none)
    group_ids: tuple[str, ...] = ()
    group_side: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # int64 [G]
    group_avail_turn: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))  # int64 [G]
    group_cost: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  # float32 [G]
    step_skill: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int64))
    #                              int64 [M, J]: discipline the crew's skill helps on the step (-1 none)
    # the [crew] numbers
    crew_skill_bonus: float = 0.08      # a step's chance rises by this * (crew skill - 0.5)
    crew_flight_experience: float = 0.05  # skill gained in a flown step's discipline per flight (capped at 1)
    crew_training_gain: float = 0.04    # skill gained in the trained discipline per turn of training
    crew_training_cost: float = 0.5     # money per person per turn of training
    crew_rest_turns: int = 1            # turns a person cannot fly after a flight
    crew_max_flights: int = 6           # a person retires after this many flights
    crew_career_years: int = 12         # a person retires this long after the group was recruited
    crew_morale_loss: float = 0.2       # every living member's morale falls by this when the side loses a crew
    crew_morale_wait: float = 0.03      # morale lost each turn without a flight after crew_wait_turns
    crew_wait_turns: int = 6
    crew_morale_flight: float = 0.15    # morale regained by flying
    crew_quit_morale: float = 0.2       # a person whose morale falls below this resigns

    # what the core derives from these rules (see game.rules.kernel_tables); not an argument, so a Rules
    # made by dataclasses.replace starts with its own, empty cache
    _kernel: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    @property
    def n_programs(self) -> int:
        return len(self.program_ids)

    @property
    def n_missions(self) -> int:
        return len(self.mission_ids)

    @property
    def n_milestones(self) -> int:
        return len(self.milestone_ids)

    @property
    def n_events(self) -> int:
        return len(self.event_ids)

    @property
    def n_records(self) -> int:
        return len(self.record_ids)

    @property
    def n_operations(self) -> int:
        return len(self.op_ids)

    @property
    def n_people(self) -> int:
        return len(self.person_ids)

    @property
    def n_groups(self) -> int:
        return len(self.group_ids)

    @property
    def max_pads(self) -> int:
        return int(self.pads.max())

    # The columns of the compact State fields, computed once per Rules (read-only arrays; a frozen dataclass
    # still lets cached_property keep them in the instance's __dict__).
    @cached_property
    def option_events(self) -> np.ndarray:
        """int64 [EO]: the events with options, in event order: the columns of State.pending."""
        return _frozen(np.flatnonzero(self.ev_n_options > 0))

    @cached_property
    def cost_targets(self) -> np.ndarray:
        """int64 [PC]: the programs whose flight cost some effect changes, in program order: the columns
        of State.cost_mult (every other program flies at its listed cost)."""
        cols = self.effect_cols.program_cols.get("cost")
        return _frozen(np.unique(cols[1]).astype(np.int64) if cols is not None else np.zeros(0, np.int64))

    @cached_property
    def fire_targets(self) -> np.ndarray:
        """int64 [EF]: the events another event's effect can fire, in event order: the columns of
        State.ev_forced."""
        return _frozen(np.flatnonzero(self.ev_fire_target))

    def turn_date(self, turn: int) -> tuple[int, int]:
        """(year, month 1-12) of the first month of a turn."""
        m = self.start_month + turn * self.months_per_turn
        return m // 12, m % 12 + 1

"""The search AI: `ai:easy`, `ai:normal`, `ai:hard`.

Each turn, for each game, it:
1. samples plausible worlds from its own side's Observation (game.ai.worlds);
2. makes candidate strategies: the scenario's plan, archetypes (satellite rush,
   crewed focus, lunar shot, test-heavy...) and random mutations of their knobs,
   each with a choice for every pending event;
3. plays every candidate in every world with the real rules (game.rules.step),
   both sides driven by fast playbooks, up to a horizon; all candidates meet
   the same worlds and dice, so they are compared fairly;
4. scores each candidate by its mean prestige lead at the horizon (a won or
   lost game counts extra) and, at `hard`, breeds a second generation from the
   best;
5. picks among the best few at random, weighted by score, so that its budget
   split cannot be read and exploited, and says why in plain words.

Difficulty is search budget (candidates, worlds, horizon, generations) and
noise (how loosely the final pick follows the scores), nothing else: every
level sees the same Observation and gets no bonus. All randomness comes from
the per-game key given to `act`. The policy holds no state between calls
except `last_reasons`, so it is safe to call from a UI thread or several.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from game.ai.corps import CorpsTables, plan_with_corps
from game.ai.plan import operations_aimed, record_values, records_aimed, starts_operation
from game.ai.playbook import ARCHETYPES, PlanTables, Playbook, archetype, mutate
from game.ai.policies import Policy
from game.ai.worlds import library, sample_worlds
from game.rules.crews import suggested_crews
from game.rules.observe import Observation, observe
from game.rules.orders import Orders
from game.rules.rng import uniforms
from game.rules.step import step
from game.rules.tables import READY, SKILL_NAMES, Rules

F32 = np.float32
STREAM_CANDIDATES, STREAM_RIVAL, STREAM_PICK, STREAM_EVENTS = 221, 223, 227, 229
WIN_BONUS = 30.0
MAX_ROWS = 6144  # rollout rows stepped together (games x candidates x worlds)


@dataclass(frozen=True)
class Level:
    """A difficulty: how much it searches and how loosely it follows its scores."""

    name: str
    candidates: int      # strategies tried per generation
    generations: int     # 1: archetypes and mutations; 2+: children of the best
    worlds: int          # sampled worlds each strategy is played in
    horizon: int         # turns played ahead
    temperature: float   # prestige points: softness of the final pick
    mix: int             # the final pick is among this many best
    search_events: bool  # event options searched (else left to their AI weights)
    wander: float = 0.0  # noise added to every candidate's knobs (0: none; 1: a full mutation)
    prudence: float = 0.0  # a candidate is judged by its paired lead over the plan, world by world, less this
    #                        many standard errors (0: by its mean score)


LEVELS = {
    "easy": Level("easy", candidates=6, generations=1, worlds=2, horizon=4, temperature=20.0, mix=6,
                  search_events=False, wander=1.5),
    "normal": Level("normal", candidates=6, generations=1, worlds=10, horizon=10, temperature=2.0, mix=3,
                    search_events=True),
    "hard": Level("hard", candidates=14, generations=2, worlds=44, horizon=30, temperature=0.1, mix=2,
                  search_events=True, prudence=1.0),
}


@dataclass(frozen=True)
class Decision:
    """The orders for B games and, for each game, its reasons in plain words (headline first)."""

    orders: Orders
    reasons: list[list[str]]
    strategy: list[str]


def take_obs(obs: Observation, index: np.ndarray) -> Observation:
    """Rows `index` of an Observation."""
    return Observation(**{f.name: (getattr(obs, f.name) if f.name == "side" else getattr(obs, f.name)[index])
                          for f in fields(Observation)})


_SHOUT = {"eva", "us", "ussr", "astp", "lok", "igy", "icbm", "nasa", "tskbem"}


def _what(milestone_name: str) -> str:
    """A milestone's name as the reasons use it, after "the first" or "the": "First animal in space" ->
    "animal in space"; a name that does not start with "First" is kept."""
    head, _, rest = milestone_name.partition(" ")
    return rest if head.lower() == "first" and rest else milestone_name


def _pretty(ident: str) -> str:
    """A readable name from an id: "gemini_eva" -> "Gemini EVA", "n1_l3_landing" -> "N1 L3 Landing"."""
    def word(w: str) -> str:
        if w in _SHOUT or any(c.isdigit() for c in w) or not any(c in "aeiouy" for c in w):
            return w.upper()
        return w.capitalize()
    return " ".join(word(w) for w in ident.split("_") if w)


class SearchPolicy(Policy):
    """Rollout search over strategies; see the module docstring."""

    def __init__(self, rules: Rules, level: str | Level = "normal", names: dict | None = None):
        super().__init__(rules)
        self.level = LEVELS[level] if isinstance(level, str) else level
        self.name = f"ai:{self.level.name}"
        self.tables = PlanTables(rules)
        self.corps = CorpsTables(rules)
        self.library = library(rules)
        self.set_names(**(names or {}))
        self.last_reasons: list[list[str]] = []

    def set_names(self, programs=None, missions=None, milestones=None, records=None, operations=None,
                  groups=None) -> None:
        """Display names for the reasons (lists in the Rules' id order); ids are prettified otherwise."""
        r = self.rules
        self.program_names = list(programs) if programs else [_pretty(i) for i in r.program_ids]
        self.mission_names = list(missions) if missions else [_pretty(i) for i in r.mission_ids]
        names = list(milestones) if milestones else [i.replace("_", " ") for i in r.milestone_ids]
        self.milestone_names = [_what(n) for n in names]
        self.record_names = list(records) if records else [_pretty(i) for i in r.record_ids]
        self.operation_names = list(operations) if operations else [_pretty(i) for i in r.op_ids]
        self.group_names = list(groups) if groups else [_pretty(i) for i in r.group_ids]
        self.surnames = [name.split()[-1] for name in r.person_names]

    # ------------------------------------------------------------ public

    def act(self, obs: Observation, key: np.ndarray) -> Orders:
        d = self.decide(obs, key)
        self.last_reasons = d.reasons
        return d.orders

    def decide(self, obs: Observation, key: np.ndarray) -> Decision:
        """Orders and reasons for obs.side of the B games of `obs`. Pure given (obs, key)."""
        lv = self.level
        b = obs.turn.shape[0]
        per = max(1, MAX_ROWS // (lv.candidates * lv.worlds))
        live = np.flatnonzero(~obs.done)
        orders = Orders.empty(self.rules, b)
        reasons: list[list[str]] = [["the game is over"] for _ in range(b)]
        strategy = [""] * b
        for start in range(0, len(live), per):
            rows = live[start:start + per]
            o, why, strat = self._search(take_obs(obs, rows), key[rows])
            for f in fields(Orders):
                getattr(orders, f.name)[rows] = getattr(o, f.name)
            for i, r in enumerate(rows):
                reasons[r], strategy[r] = why[i], strat[i]
        return Decision(orders, reasons, strategy)

    # ------------------------------------------------------------ search

    def _candidates(self, obs: Observation, key: np.ndarray, count: int) -> tuple[Playbook, list[str]]:
        """count candidate playbooks per game: [G * count] game-major, with their names."""
        r = self.rules
        g = obs.turn.shape[0]
        M = r.n_missions
        u = uniforms(key, obs.turn, STREAM_CANDIDATES, len(ARCHETYPES) + count * (M + 6))
        names: list[str] = []
        books = []
        n_arch = min(count, len(ARCHETYPES))
        for gi in range(g):
            perm = 1 + np.argsort(u[gi, 1:len(ARCHETYPES)], kind="stable")
            chosen = [0] + list(perm[:n_arch - 1])
            for c in range(count):
                if c < n_arch:
                    name = ARCHETYPES[chosen[c]]
                    books.append(archetype(r, name))
                    names.append(name)
                else:
                    base = ARCHETYPES[chosen[c % n_arch]]
                    uu = u[gi, len(ARCHETYPES) + c * (M + 6):len(ARCHETYPES) + (c + 1) * (M + 6)]
                    books.append(mutate(archetype(r, base), uu[None, :M + 5], 1.0))
                    names.append(f"{base}, varied")
        out = Playbook.concat(books)
        if self.level.wander > 0:
            w = uniforms(key, obs.turn, STREAM_CANDIDATES + 500, count * (M + 5)).reshape(g * count, M + 5)
            out = mutate(out, w, self.level.wander)
        return out, names

    def _choices(self, obs: Observation, key: np.ndarray, count: int, salt: int) -> np.ndarray:
        """int8 [G * count, E]: event choices of each candidate (-1: leave it to the AI weights)."""
        r = self.rules
        g = obs.turn.shape[0]
        choice = np.full((g * count, r.n_events), -1, np.int8)
        if not self.level.search_events or not obs.pending.any():
            return choice
        nopt = np.maximum(r.ev_n_options, 1)
        u = uniforms(key, obs.turn, STREAM_EVENTS + salt, count * r.n_events).reshape(g, count, r.n_events)
        pick = np.minimum((u * nopt).astype(np.int8), nopt - 1).astype(np.int8)
        pending = obs.pending[:, None, :] & (r.ev_n_options > 0)
        c = np.where(pending, pick, -1).astype(np.int8)
        if salt == 0:
            c[:, 0] = -1  # the plan leaves its events to their AI weights
        return c.reshape(g * count, r.n_events)

    def _play(self, obs: Observation, books: Playbook, manage: np.ndarray | None = None) -> tuple[Orders, np.ndarray]:
        """The plan's orders for the rows of `obs` with the side's corps handled (game.ai.corps): launches it
        cannot man dropped and, on the rows of `manage` (None: all), groups recruited and people trained."""
        return plan_with_corps(self.tables, self.corps, obs, books, manage)

    def _rollout(self, worlds, obs_c: Observation, books: Playbook, choices: np.ndarray, rival_books: Playbook,
                 g: int, count: int) -> np.ndarray:
        """Score float [G, count, W] of each candidate in each world (the worlds and dice common to all)."""
        r = self.rules
        lv = self.level
        side, rival = obs_c.side, 1 - obs_c.side
        W = lv.worlds
        # rows ordered (game, candidate, world)
        world_idx = (np.arange(g)[:, None, None] * W + np.arange(W)[None, None, :]).repeat(count, axis=1).ravel()
        cand_idx = np.repeat(np.arange(g * count), W)
        state = worlds.slice(world_idx)
        own_books = books.take(cand_idx)
        riv_books = rival_books.take(world_idx)
        riv_manage = self._rival_manages(worlds)[world_idx]
        first, _ = self._play(obs_c, books)
        first = first.replace(choice=choices).slice(cand_idx)
        for h in range(lv.horizon):
            if state.done.all():
                break
            mine = first if h == 0 else self._play(observe(r, state, side), own_books)[0]
            theirs, _ = self._play(observe(r, state, rival), riv_books, riv_manage)
            us, ussr = (mine, theirs) if side == 0 else (theirs, mine)
            state, _ = step(r, state, Orders.merge(r, us, ussr))
        lead = state.prestige[:, side] - state.prestige[:, rival]
        won = np.where(state.done, np.where(state.winner == side, 1.0, np.where(state.winner == rival, -1.0, 0.0)), 0)
        return (lead + WIN_BONUS * won).reshape(g, count, W)

    def _judge(self, per_world: np.ndarray) -> np.ndarray:
        """float [G, count]: how each candidate is judged from its scores [G, count, W]: the mean; with
        `prudence` z > 0, the plan's (candidate 0's) mean plus the paired lead over the plan less z standard
        errors, so a candidate displaces the plan only when it beats it in the same worlds by more than
        the luck of a few (the best of many noisy means is otherwise mostly luck)."""
        mean = per_world.mean(axis=2)
        z = self.level.prudence
        if z <= 0:
            return mean
        diff = per_world - per_world[:, :1, :]
        w = per_world.shape[2]
        se = diff.std(axis=2, ddof=1) / np.sqrt(w) if w > 1 else np.zeros_like(mean)
        judged = mean[:, :1] + diff.mean(axis=2) - z * se
        judged[:, 0] = mean[:, 0]
        return judged

    def _search(self, obs: Observation, key: np.ndarray) -> tuple[Orders, list[list[str]], list[str]]:
        r = self.rules
        lv = self.level
        g = obs.turn.shape[0]
        C = lv.candidates
        worlds = sample_worlds(r, obs, key, lv.worlds, self.library)
        rival_books = self._rival_books(worlds)
        rep = np.repeat(np.arange(g), C)
        obs_c = take_obs(obs, rep)
        books, names = self._candidates(obs, key, C)
        choices = self._choices(obs, key, C, 0)
        per_world = self._rollout(worlds, obs_c, books, choices, rival_books, g, C)
        scores = self._judge(per_world)
        pool = C
        for gen in range(1, lv.generations):
            best = np.argsort(-scores, axis=1, kind="stable")[:, :max(2, C // 4)]
            parent = (np.arange(g)[:, None] * pool + best[:, np.arange(C) % best.shape[1]]).ravel()
            u = uniforms(key, obs.turn, STREAM_CANDIDATES + 1000 * gen, C * (r.n_missions + 5))
            kids = mutate(books.take(parent), u.reshape(g * C, r.n_missions + 5), 0.5)
            kid_choices = choices[parent].copy()
            redo = (uniforms(key, obs.turn, STREAM_EVENTS + 77 * gen, C) < 0.3).reshape(g * C)
            kid_choices[redo] = self._choices(obs, key, C, gen)[redo]
            kid_world = self._rollout(worlds, obs_c, kids, kid_choices, rival_books, g, C)
            kid_scores = self._judge(np.concatenate([per_world[:, :1], kid_world], axis=1))[:, 1:]
            kid_names = [names[p] if names[p].endswith("refined") else f"{names[p]}, refined" for p in parent]
            # merge, keeping the pool game-major: [g, pool + C]
            idx = np.concatenate([(np.arange(g)[:, None] * pool + np.arange(pool)).reshape(g, pool),
                                  g * pool + (np.arange(g)[:, None] * C + np.arange(C))], axis=1).ravel()
            books = Playbook.concat([books, kids]).take(idx)
            choices = np.concatenate([choices, kid_choices])[idx]
            every = names + kid_names
            names = [every[i] for i in idx]
            scores = np.concatenate([scores, kid_scores], axis=1)
            pool += C
        pick = self._pick(scores, key, obs.turn)
        chosen = np.arange(g) * pool + pick
        orders, focus = self._play(obs, books.take(chosen))
        orders = orders.replace(choice=choices[chosen])
        plan_score = scores[:, 0]
        reasons = [self._explain(obs, orders, focus, i, names[chosen[i]], float(scores[i, pick[i]] - plan_score[i]))
                   for i in range(g)]
        return orders, reasons, [names[c] for c in chosen]

    @staticmethod
    def _rival_manages(worlds) -> np.ndarray:
        """bool [worlds.batch]: the worlds whose rival handles its corps like this AI (those where it plays
        like the house plan; the scripted rival of the others never recruits nor trains)."""
        return np.arange(worlds.batch) % 2 == 1

    def _rival_books(self, worlds) -> Playbook:
        """The rival's playbook in each world: half the worlds a plain scripted rival, half a rival that
        plays like this AI's own house plan, each with its knobs perturbed (we do not know its strategy)."""
        r = self.rules
        n = worlds.batch
        strong = self._rival_manages(worlds)
        plain, house = Playbook.scripted(r, n), Playbook.house(r, n)
        base = Playbook(**{f.name: np.where(strong.reshape((n,) + (1,) * (getattr(plain, f.name).ndim - 1)),
                                            getattr(house, f.name), getattr(plain, f.name))
                           for f in fields(Playbook)})
        return mutate(base, uniforms(worlds.key, worlds.turn, STREAM_RIVAL, r.n_missions + 5), 0.5)

    def _pick(self, scores: np.ndarray, key: np.ndarray, turn: np.ndarray) -> np.ndarray:
        """int [G]: the candidate played, drawn among the `mix` best with weights exp(score / temperature)."""
        lv = self.level
        order = np.argsort(-scores, axis=1, kind="stable")[:, :lv.mix]
        top = np.take_along_axis(scores, order, axis=1)
        w = np.exp((top - top[:, :1]) / F32(lv.temperature))
        cdf = np.cumsum(w, axis=1) / w.sum(axis=1, keepdims=True)
        u = uniforms(key, turn, STREAM_PICK, 1)
        k = np.minimum((u >= cdf).sum(axis=1), lv.mix - 1)
        return order[np.arange(scores.shape[0]), k]

    # ------------------------------------------------------------ reasons

    def _late_aim(self, obs: Observation, i: int, m: int) -> str:
        """What mission m flies for in game i when it earns no first: the records it would raise and the
        operation it starts or keeps running, in plain words ('raise the record "Longest stay in space" to
        59' and/or 'keep "Crewed Salyut station" running'); "fly again" when it aims at neither."""
        one = take_obs(obs, np.array([i]))
        parts = []
        for k in np.flatnonzero(records_aimed(self.rules, one)[0, m]):
            value = float(record_values(self.rules)[m, k])
            parts.append(f'raise the record "{self.record_names[k]}" to {value:g}')
        o = int(starts_operation(self.rules)[m])
        if o >= 0 and operations_aimed(self.rules, one)[0, m]:
            verb = "keep" if one.op_running[0, o] else "start"
            parts.append(f'{verb} "{self.operation_names[o]}" running')
        return " and ".join(parts) or "fly again"

    def _crew_reasons(self, obs: Observation, orders: Orders, i: int) -> list[str]:
        """Game i's crews, recruiting and training in plain words: 'fly Leonov: best EVA skill' (the crew the
        core will seat: game.rules.crews.suggested_crews), 'recruit ...', 'train ... in docking'."""
        r = self.rules
        side = obs.side
        if not r.n_people:
            return []
        out = []
        surname = self.surnames
        crews = suggested_crews(r, obs.person_status[i], np.nan_to_num(obs.skill[i]), orders.launch[i],
                                orders.crew[i], orders.train[i])
        for c, m in enumerate(orders.launch[i, side]):
            if m < 0 or r.mis_crew[m] == 0:
                continue
            who = [surname[p] for p in crews[side, c] if p >= 0]
            if not who:
                continue
            w = self.corps.weight[m]
            why = f"best {SKILL_NAMES[int(np.argmax(w))].replace('eva', 'EVA')} skill" if w.max() > 0 \
                else "the best available"
            out.append(f"fly {', '.join(who)}: {why} for {self.mission_names[m]}")
        for g in np.flatnonzero(orders.recruit[i]):
            out.append(f"recruit {self.group_names[g]}: the crewed missions ahead need more people")
        trained = np.flatnonzero(orders.train[i] >= 0)
        for d in np.unique(orders.train[i, trained]):
            names = [surname[p] for p in trained if orders.train[i, p] == d]
            out.append(f"train {', '.join(names)} in {SKILL_NAMES[d].replace('eva', 'EVA')}: "
                       "not flying this turn, and the crewed missions ahead need it")
        return out

    def _explain(self, obs: Observation, orders: Orders, focus: np.ndarray, i: int, strategy: str,
                 gain: float) -> list[str]:
        """Plain-words reasons for game i's orders."""
        r = self.rules
        side = obs.side
        out = []
        held_any = obs.held[i].any(axis=0)
        mine = obs.held[i, side]
        for m in orders.launch[i, side]:
            if m < 0:
                continue
            lack = np.flatnonzero(r.mis_targets[m] & ~mine)
            if not len(lack):
                out.append(f"launch {self.mission_names[m]}: {self._late_aim(obs, i, m)}")
                continue
            first = [k for k in lack if not held_any[k]]
            ms = self.milestone_names[(first or list(lack))[0]]
            what = f"the first {ms}" if first else f"the {ms} (the rival got there first)"
            out.append(f"launch {self.mission_names[m]}: going for {what}")
        out += self._crew_reasons(obs, orders, i)
        for o in np.flatnonzero(orders.stop[i]):
            out.append(f'end "{self.operation_names[o]}": its upkeep is needed for a first and the programs')
        funding = orders.funding[i]
        top = np.argsort(-funding)[:2]
        for p in top:
            if funding[p] <= 0:
                continue
            uses = np.flatnonzero(focus[i] & r.mis_prog_use[:, p])
            if not len(uses):
                uses = np.flatnonzero(focus[i])
            target = None
            for m in uses:
                lack = np.flatnonzero(r.mis_targets[m] & ~mine)
                if len(lack):
                    target = max(lack, key=lambda k: (not held_any[k], r.prestige_first[k]))
                    break
            prog = self.program_names[p]
            if target is None:
                late = [m for m in uses if focus[i, m]]
                out.append(f"fund {prog}: " + (f"towards {self.mission_names[late[0]]}, to "
                                               + self._late_aim(obs, i, late[0]) if late
                                               else "it opens the next missions"))
                continue
            ms = self.milestone_names[target]
            ready = obs.status[i, p] == READY
            if held_any[target]:
                out.append(f"fund {prog}: catch up with the rival's {ms}")
            elif ready or (np.nan_to_num(obs.dev_progress[i, p]) >= 0.5):
                out.append(f"fund {prog}: the first {ms} is within reach")
            else:
                out.append(f"fund {prog}: build towards the first {ms}")
        pending = np.flatnonzero(obs.pending[i] & (r.ev_n_options > 0))
        for e in pending:
            c = int(orders.choice[i, e])
            out.append(f"event {r.event_ids[e]}: " + (f"option {c + 1} played out best" if c >= 0
                                                      else "left to the usual choice"))
        spend = float(funding.sum())
        if strategy != "the plan" and abs(gain) >= 0.05:
            out.append(f"strategy: {strategy} (about {gain:+.1f} prestige against the plan in the look-ahead)")
        else:
            out.append(f"strategy: {strategy}")
        if not out[:-1]:
            out.insert(0, f"save money: keep {float(obs.cash[i]) - spend:.0f} for the coming turns")
        return out

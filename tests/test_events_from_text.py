"""`spacerace events-from-text`: one drafted event per dated fact, on texts of our own."""

from __future__ import annotations

import re
import tomllib

import pytest

from game.cli import main
from game.scenario import load, validate
from game.scenario.textevents import draft_events, find_dates, read_facts
from tests.modding_kit import extension, messages


def facts(text):
    """(date, title) of every fact of a text; the relative dates that could not be counted must be none."""
    found, unanchored = read_facts(text)
    assert unanchored == []
    return [(f.date, f.title) for f in found]


def words(title):
    return set(re.findall(r"[\w'-]+", title.lower()))


def test_dates_are_read_as_precisely_as_the_text_gives_them():
    def dates(text):
        return [d for _, _, d in find_dates(text)]

    assert dates("Sputnik flew on October 4, 1957.") == ["1957-10-04"]
    assert dates("on 12 April 1961") == ["1961-04-12"]
    assert dates("achieved in July 1969, with the flight of Apollo 11") == ["1969-07"]
    assert dates("(July 1, 1957 to December 31, 1958)") == ["1957-07-01", "1958-12-31"]
    assert dates("from 1961 to 1970, and 1961–1970") == ["1961", "1970", "1961", "1970"]
    assert dates("the first human to space.[1][2] It had 20th-century roots, 1,000 km, two weeks, APAS-75") == []
    assert dates("Apollo 11 and 1500 km and the 1960s") == []
    assert dates("on February 30, 1961") == ["1961"]        # no such day: only the year is given


def test_a_sentence_with_several_dates_gives_one_fact_each_titled_by_its_clause():
    found = facts("Vanguard TV3 exploded on its pad on December 6, 1957, and Explorer 1 reached orbit on "
                  "January 31, 1958.")
    assert [d for d, _ in found] == ["1957-12-06", "1958-01-31"]
    assert {"vanguard", "exploded", "pad"} <= words(found[0][1])
    assert {"explorer", "orbit"} <= words(found[1][1]) and "vanguard" not in words(found[1][1])
    found = facts("The Soviet Union achieved the first successful artificial satellite launch on October 4, 1957 "
                  "with Sputnik 1, and sent the first man into orbit with the flight of Vostok 1 on April 12, 1961.")
    assert found == [("1957-10-04", "Soviet Union achieved first artificial satellite launch"),
                     ("1961-04-12", "Soviet Union sent first man into orbit")]


def test_a_range_gives_its_start_and_its_end():
    assert facts('Both sides took part in the "International Geophysical Year" (July 1, 1957 to December 31, '
                 '1958), a survey of the whole planet.') == [
        ("1957-07-01", "International Geophysical Year begins"), ("1958-12-31", "International Geophysical Year ends")]
    found = facts("The Gemini programme flew ten crews from March 1965 to November 1966.")
    assert found == [("1965-03", "Gemini programme flew ten crews (start)"),
                     ("1966-11", "Gemini programme flew ten crews (end)")]
    found = facts("Soviet hopes rested on the N1 rocket, which failed on every launch between 1969 and 1972.")
    assert [d for d, _ in found] == ["1969", "1972"]
    assert all(title.startswith("N1 rocket failed") for _, title in found)


@pytest.mark.parametrize("text, date, keys, note", [
    ("The competition began on August 2, 1955, when Moscow answered the American announcement four days "
     "earlier of plans to launch satellites.", "1955-07-29", {"american", "announcement", "satellites"},
     '"four days earlier" counted from August 2, 1955 (1955-08-02, line 1)'),
    ("Alan Shepard rode a Redstone into space on May 5, 1961. Three weeks later Kennedy asked Congress for a "
     "Moon landing.", "1961-05-26", {"kennedy", "asked", "congress"},
     '"Three weeks later" counted from May 5, 1961 (1961-05-05, line 1)'),
    ("Luna 2 struck the Moon on 14 September 1959; Luna 3 photographed its far side the following month.",
     "1959-10", {"luna", "3", "photographed"}, '"the following month" counted from 14 September 1959 (1959-09-14, '
     'line 1)'),
    ("The programme was reorganised in 1966, and a fire killed three astronauts the next year.", "1967",
     {"fire", "killed", "astronauts"}, '"the next year" counted from 1966 (1966, line 1)'),
    ("The State Commission approved the flight two months before the launch in April 1961.", "1961-02",
     {"state", "commission", "approved"}, '"two months before" counted from April 1961 (1961-04, line 1)'),
    ("Two days before the launch on April 12, 1961, the State Commission approved the flight.", "1961-04-10",
     {"commission", "approved", "flight"}, '"Two days before" counted from April 12, 1961 (1961-04-12, line 1)'),
    ("The first satellite flew on October 4, 1957.\nA year earlier the rocket had failed its first tests.", "1956",
     {"rocket", "failed", "tests"}, '"A year earlier" counted from October 4, 1957 (1957-10-04, line 1)'),
    ("Vostok 6 was launched on December 30, 1962 in this story, and it came down three days later.", "1963-01-02",
     {"came", "down"}, '"three days later" counted from December 30, 1962 (1962-12-30, line 1)'),
    ("Apollo 11 left on July 16, 1969, and the recovery ship sailed the day after.", "1969-07-17",
     {"recovery", "ship", "sailed"}, '"the day after" counted from July 16, 1969 (1969-07-16, line 1)'),
    ("Apollo 11 landed on July 20, 1969, four days after its launch.", "1969-07-16", {"apollo", "11", "launch"},
     '"four days after" counted back from July 20, 1969 (1969-07-20, line 1)'),
])
def test_a_relative_date_is_counted_from_the_date_it_refers_to(text, date, keys, note):
    found, unanchored = read_facts(text)
    assert unanchored == []
    relative = [f for f in found if f.note]
    assert len(relative) == 1 and relative[0].date == date and relative[0].note == note
    assert keys <= words(relative[0].title), relative[0].title
    assert f"# date: {note}\n[[event]]" in draft_events(found, "notes.txt")


def test_a_month_inside_a_long_sentence_is_a_fact_titled_by_its_clause():
    text = ("Observers in several capitals later noted that in October 1957 the mood in Washington changed sharply "
            "while Moscow celebrated its rocket and the newspapers of the world printed its orbit.")
    assert facts(text) == [("1957-10", "Mood in Washington changed sharply")]
    text = ("A period of calm followed with the April 1972 agreement on a joint docking flight, resulting in the July "
            "1975 meeting in orbit of an American crew with a Soviet crew.")
    assert facts(text) == [("1972-04", "Agreement on joint docking flight"),
                           ("1975-07", "Meeting in orbit of American crew with Soviet crew")]


@pytest.mark.parametrize("text, expected", [
    ("On 25 May 1961, Kennedy addressed a joint session of Congress.",
     ("1961-05-25", "Kennedy addressed joint session of Congress")),
    ("Launched in October 1957, Sputnik 1 sent radio signals for three weeks.", ("1957-10", "Sputnik 1 launched")),
    ("Voskhod 2 carried Alexei Leonov, who made the first walk in open space on 18 March 1965.",
     ("1965-03-18", "Alexei Leonov made first walk in open space")),
    ("Salyut 1, the first space station, was launched on April 19, 1971.", ("1971-04-19", "Salyut 1 was launched")),
    ("The launch came in the end after the Sputnik crisis of 1957.", ("1957", "Sputnik crisis")),
    ("Apollo–Soyuz began a slow thaw that lasted until December 1991, when the breakup of the Soviet Union brought "
     "the Cold War to its close.", ("1991-12", "Breakup of Soviet Union brought Cold War to its close")),
])
def test_a_title_names_the_fact_not_the_sentence_opening(text, expected):
    assert facts(text) == [expected]


def test_a_relative_date_with_nothing_to_count_from_is_reported_not_guessed():
    found, unanchored = read_facts("It flew two weeks later.\nThe Moon was reached in July 1969. The crew came "
                                   "home four days later.")
    assert [(f.date, f.title) for f in found] == [("1969-07", "Moon was reached")]
    assert [(u.line, u.phrase) for u in unanchored] == [(1, "two weeks later"), (2, "four days later")]
    assert unanchored[0].reason == "no date before it to count from"
    assert unanchored[1].reason == "counts days from 'July 1969' (line 2), which gives no day"
    draft = draft_events(found, "notes.txt", unanchored)
    assert '# notes.txt:1: "two weeks later" is not drafted: no date before it to count from.' in draft
    assert draft.count("\n[[event]]\n") == 1


def test_sentences_without_a_date_give_nothing():
    assert facts("The two crews shook hands in orbit. Apollo 11 carried three men some 380,000 km in the 1960s, "
                 "on flights up to two weeks long. The second launch came a week later than planned.") == []


DOCUMENT = """The race to the Moon, a summary written for these tests.

The contest opened in earnest on October 4, 1957, when the Soviet Union put Sputnik 1 into orbit, and the American \
Explorer 1 followed on January 31, 1958.[1] Washington had announced its satellite plans two years earlier, during \
preparations for the "International Geophysical Year" (July 1, 1957 to December 31, 1958).[2]

Yuri Gagarin orbited the Earth on 12 April 1961; Gherman Titov spent a whole day in orbit four months later.[3] \
President Kennedy asked Congress in May 1961 to commit the nation to a lunar landing, and NASA chose the lunar orbit \
rendezvous method the following year.[4]

The Gemini programme flew ten crews from March 1965 to November 1966, practising rendezvous and docking; a fire in an \
Apollo capsule killed three astronauts on January 27, 1967.[5] Apollo 8 circled the Moon in December 1968, and \
Apollo 11 landed on July 20, 1969, four days after its launch.[6]

Soviet hopes rested on the N1 rocket, which failed on every launch between 1969 and 1972.[7] The Soviet Union later \
concentrated on space stations. Its crews landed back a few days later.
"""

EXPECTED = [  # (line, date, title)
    (3, "1957-10-04", "Soviet Union put Sputnik 1 into orbit"),
    (3, "1958-01-31", "American Explorer 1 followed"),
    (3, "1955", "Washington had announced its satellite plans"),
    (3, "1957-07-01", "International Geophysical Year begins"),
    (3, "1958-12-31", "International Geophysical Year ends"),
    (5, "1961-04-12", "Yuri Gagarin orbited Earth"),
    (5, "1961-08", "Gherman Titov spent whole day in orbit"),
    (5, "1961-05", "President Kennedy asked Congress to commit nation"),
    (5, "1962", "NASA chose lunar orbit rendezvous method"),
    (7, "1965-03", "Gemini programme flew ten crews (start)"),
    (7, "1966-11", "Gemini programme flew ten crews (end)"),
    (7, "1967-01-27", "Fire in Apollo capsule killed three astronauts"),
    (7, "1968-12", "Apollo 8 circled Moon"),
    (7, "1969-07-20", "Apollo 11 landed"),
    (7, "1969-07-16", "Apollo 11 launch"),
    (9, "1969", "N1 rocket failed on every launch (start)"),
    (9, "1972", "N1 rocket failed on every launch (end)"),
]


def test_the_command_drafts_a_document_fact_by_fact_and_the_draft_is_valid(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    doc = tmp_path / "race.txt"
    doc.write_text(DOCUMENT, encoding="utf-8")
    out = tmp_path / "draft.toml"
    assert main(["events-from-text", str(doc), "-o", str(out)]) == 0
    assert f"wrote {len(EXPECTED)} draft event(s)" in capsys.readouterr().out
    text = out.read_text(encoding="utf-8")
    events = tomllib.loads(text)["event"]
    assert [(int(e["source"].split(":")[1]), e["date"], e["title"]) for e in events] == EXPECTED
    assert all(len(e["title"]) <= 60 and not re.search(r"\b1[89]\d\d\b", e["title"]) for e in events)
    assert all("[" not in e["text"] and e["source"].startswith("race.txt:") for e in events)
    by_title = {e["title"]: e for e in events}
    assert by_title["Soviet Union put Sputnik 1 into orbit"]["who"] == "ussr"
    assert by_title["Apollo 11 launch"]["who"] == "us"
    assert by_title["N1 rocket failed on every launch (end)"]["who"] == "ussr"    # the sentence names one side
    assert '# date: "two years earlier" counted from July 1, 1957 (1957-07-01, line 3)' in text
    assert '# race.txt:9: "a few days later" is not drafted' not in text      # "a few" counts nothing: no date

    mod = extension(tmp_path / "drafted", "historical", {"events.toml": text})
    found = validate(mod)
    assert not [d for d in found if d.severity == "error"], messages(found)
    assert len(load(mod).events) == len(load("historical").events) + len(EXPECTED)


def test_the_command_reports_a_relative_date_it_cannot_count_on_stderr(tmp_path, capsys):
    doc = tmp_path / "notes.txt"
    doc.write_text("Notes.\n\nThe crew came home three days later. Vostok 1 flew in April 1961.\n", encoding="utf-8")
    assert main(["events-from-text", str(doc)]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines()[0] == (f'{doc}:3: "three days later" not drafted: no date before it to count '
                                            'from; give its date in the text or add the event by hand')
    assert "1 dated fact(s) found" in captured.err
    events = tomllib.loads(captured.out)["event"]
    assert [(e["date"], e["title"]) for e in events] == [("1961-04", "Vostok 1 flew")]


def test_the_command_handles_awkward_documents(tmp_path):
    doc = tmp_path / "odd.txt"
    doc.write_bytes("No dates here.\n\nIn 1962 the \"crisis\" came; in March 1965 a man walked\\out.\n\xff\xfe".encode()
                    + b"\xff")
    out = tmp_path / "odd.toml"
    assert main(["events-from-text", str(doc), "-o", str(out)]) == 0
    events = tomllib.loads(out.read_text(encoding="utf-8"))["event"]
    assert [(e["date"], e["title"]) for e in events] == [("1962", "Crisis came"), ("1965-03", "Man walked\\out")]
    assert events[0]["source"] == "odd.txt:3"
    with pytest.raises(SystemExit, match="cannot read"):
        main(["events-from-text", str(tmp_path / "missing.txt")])

"""The peer engines of bench/peers.py: each case type's rules (peer_spec.CaseSpec) written in each
engine's own format, generated from the plan model, and the engine's call that decides."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from peer_spec import Answer, Atom, CaseSpec, Engine, Facts, Term, by_fact, number, timed

REGO_GROUP = 40


def _constant(answer: Answer) -> Callable[[Facts], Answer]:
    return lambda facts: answer


class Floor(Engine):
    """Plain Python: a dict of case type -> a function compiled from generated source, no engine."""

    name = "Python floor (dict + closures)"

    def load(self, specs: Sequence[CaseSpec]) -> float:
        # A case type whose rules read no fact has one answer: a function returning it, no source
        # to compile (compiling took 0.2 ms a function, 2.5 s for 10.000 on a loaded machine).
        fixed = [spec for spec in specs if not spec.facts]
        read = [spec for spec in specs if spec.facts]
        source = "\n".join(self._source(i, spec) for i, spec in enumerate(read))
        namespace: dict[str, Any] = {"SPECS": read}

        def build() -> None:
            self.functions = {
                spec.id: _constant(spec.result(0 if spec.rules else None, ())) for spec in fixed
            }
            exec(compile(source, "<floor>", "exec"), namespace)
            self.functions.update({spec.id: namespace[f"case_{i}"] for i, spec in enumerate(read)})

        return timed(build)

    @staticmethod
    def _source(index: int, spec: CaseSpec) -> str:
        names = {fact: f"v{n}" for n, fact in enumerate(spec.facts)}

        def holds(term: Term) -> str:
            return (
                " and ".join(f"{names[f]} is not None and {names[f]} {op} {number(v)}" for f, op, v in term)
                or "True"
            )

        def open_(term: Term) -> str:
            return (
                " and ".join(f"({names[f]} is None or {names[f]} {op} {number(v)})" for f, op, v in term)
                or "True"
            )

        lines = [f"def case_{index}(facts, _spec=SPECS[{index}]):"]
        lines += [f"    {names[f]} = facts.get({f!r})" for f in spec.facts]
        for r, rule in enumerate(spec.rules):
            lines.append(f"    if {' or '.join(f'({holds(t)})' for t in rule.terms)}:")
            lines.append(f"        return _spec.rules[{r}].outcome")
        lines.append("    depends = []")
        for rule in spec.rules:
            if not rule.facts:
                continue  # a rule that reads no fact is never open: it holds
            lines.append(f"    if {' or '.join(f'({open_(t)})' for t in rule.terms)}:")
            lines += [f"        if {names[f]} is None: depends.append({f!r})" for f in rule.facts]
        lines.append("    return _spec.result(None, depends)")
        return "\n".join(lines)

    def decide(self, case: str, facts: Facts) -> Answer:
        return self.functions[case](facts)  # type: ignore[no-any-return]

    def answer(self, result: Answer, case: str) -> Answer:
        return result


class RuleEngine(Engine):
    """rule-engine (pure Python): one compiled expression per rule for "holds" and one for "open"."""

    name = "rule-engine (Python)"
    package = "rule_engine"

    def load(self, specs: Sequence[CaseSpec]) -> float:
        import rule_engine

        context = rule_engine.Context(default_value=None)

        def holds(term: Term) -> str:
            return " and ".join(f"({f} != null and {f} {op} {number(v)})" for f, op, v in term) or "true"

        def open_(term: Term) -> str:
            return " and ".join(f"({f} == null or {f} {op} {number(v)})" for f, op, v in term) or "true"

        texts = {
            spec.id: [
                (
                    " or ".join(f"({holds(t)})" for t in rule.terms),
                    " or ".join(f"({open_(t)})" for t in rule.terms),
                )
                for rule in spec.rules
            ]
            for spec in specs
        }
        self.specs = {spec.id: spec for spec in specs}

        def build() -> None:
            self.rules = {
                case: [
                    (
                        rule_engine.Rule(h, context=context),
                        rule_engine.Rule(o, context=context),
                        spec_rule.facts,
                    )
                    for (h, o), spec_rule in zip(pairs, self.specs[case].rules)
                ]
                for case, pairs in texts.items()
            }

        return timed(build)

    def decide(self, case: str, facts: Facts) -> tuple[int | None, list[str]]:
        rules = self.rules[case]
        for index, (holds, _, _) in enumerate(rules):
            if holds.matches(facts):
                return index, []
        return None, [f for _, open_, used in rules if open_.matches(facts) for f in used if f not in facts]

    def answer(self, result: tuple[int | None, list[str]], case: str) -> Answer:
        return self.specs[case].result(*result)


class Zen(Engine):
    """GoRules ZEN (Rust): a decision table per case type, hit policy "collect": a row per term of a
    rule (output: the rule's index) and a row per (open term, missing fact) (output: the fact)."""

    name = "GoRules ZEN (Rust)"
    package = "zen"

    def load(self, specs: Sequence[CaseSpec]) -> float:
        import zen

        contents = {spec.id: self._table(spec) for spec in specs}
        self.specs = {spec.id: spec for spec in specs}

        def build() -> None:
            # ZenEngine.evaluate(key) keeps the compiled decision: ZenDecision.evaluate took 400 µs
            # a call here (zen-engine 2.1.3), the engine 16 µs.
            self.engine = zen.ZenEngine({"loader": {"type": "static", "content": contents}})
            for case in contents:
                self.engine.get_decision(case)

        return timed(build)

    @staticmethod
    def _table(spec: CaseSpec) -> dict[str, Any]:
        def holds(atoms: list[Atom]) -> str:
            return "$ != null and " + " and ".join(f"$ {op} {number(v)}" for _, op, v in atoms)

        def open_(atoms: list[Atom]) -> str:
            return "$ == null or (" + " and ".join(f"$ {op} {number(v)}" for _, op, v in atoms) + ")"

        rows: list[dict[str, str]] = []
        for r, rule in enumerate(spec.rules):
            for term in rule.terms:
                cells = {f: holds(atoms) for f, atoms in by_fact(term).items()}
                rows.append({**cells, "rule": str(r), "missing": "null"})
        for rule in spec.rules:
            for term in rule.terms:
                grouped = by_fact(term)
                for fact in rule.facts:
                    cells = {f: open_(atoms) for f, atoms in grouped.items()}
                    cells[fact] = "$ == null"
                    rows.append({**cells, "rule": "null", "missing": json.dumps(fact)})
        table = {
            "hitPolicy": "collect",
            "inputs": [{"id": f, "name": f, "field": f} for f in spec.facts],
            "outputs": [{"id": o, "name": o, "field": o} for o in ("rule", "missing")],
            "rules": [{"_id": f"r{n}", **{f: "" for f in spec.facts}, **row} for n, row in enumerate(rows)],
        }
        at = {"x": 0, "y": 0}
        return {
            "nodes": [
                {"id": "in", "type": "inputNode", "name": "facts", "position": at},
                {
                    "id": "table",
                    "type": "decisionTableNode",
                    "name": spec.id,
                    "position": at,
                    "content": table,
                },
                {"id": "out", "type": "outputNode", "name": "answer", "position": at},
            ],
            "edges": [
                {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
                {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"},
            ],
        }

    def decide(self, case: str, facts: Facts) -> Any:
        return self.engine.evaluate(case, facts)

    def answer(self, result: Any, case: str) -> Answer:
        rows = result["result"]
        held = [row["rule"] for row in rows if row["rule"] is not None]
        return self.specs[case].result(
            int(min(held)) if held else None, [row["missing"] for row in rows if row["missing"]]
        )


class Cedar(Engine):
    """Cedar (Rust): a policy set per case type, the facts as the request's context; a permit policy
    per rule ("holds") and per (rule, fact) ("open, and this fact missing"), parsed once."""

    name = "Cedar (Rust)"
    package = "cedarpy"

    def load(self, specs: Sequence[CaseSpec]) -> float:
        import cedarpy

        def holds(term: Term) -> str:
            return (
                " && ".join(f"(context has {f} && context.{f} {op} {number(v)})" for f, op, v in term)
                or "true"
            )

        def open_(term: Term) -> str:
            return (
                " && ".join(f"(!(context has {f}) || context.{f} {op} {number(v)})" for f, op, v in term)
                or "true"
            )

        texts: dict[str, str] = {}
        self.meanings: dict[str, list[tuple[int | None, str | None]]] = {}
        for spec in specs:
            policies, meanings = [], []
            for r, rule in enumerate(spec.rules):
                policies.append(" || ".join(f"({holds(t)})" for t in rule.terms))
                meanings.append((r, None))
            for rule in spec.rules:
                for fact in rule.facts:
                    opened = " || ".join(f"({open_(t)})" for t in rule.terms)
                    policies.append(f"!(context has {fact}) && ({opened})")
                    meanings.append((None, fact))
            texts[spec.id] = "\n".join(
                f"permit(principal, action, resource) when {{ {p} }};" for p in policies
            )
            self.meanings[spec.id] = meanings
        self.specs = {spec.id: spec for spec in specs}

        def build() -> None:
            self.sets = {case: cedarpy.PolicySet.from_str(text) for case, text in texts.items()}
            self.entities = cedarpy.Entities.from_json_str("[]")

        self.is_authorized = cedarpy.is_authorized
        return timed(build)

    def decide(self, case: str, facts: Facts) -> Any:
        request = {
            "principal": 'User::"caseworker"',
            "action": 'Action::"decide"',
            "resource": {"type": "CaseType", "id": case},
            "context": facts,
        }
        return self.is_authorized(request, self.sets[case], self.entities)

    def answer(self, result: Any, case: str) -> Answer:
        meanings = self.meanings[case]
        fired = [meanings[int(reason.removeprefix("policy"))] for reason in result.diagnostics.reasons]
        held = [r for r, _ in fired if r is not None]
        return self.specs[case].result(min(held) if held else None, [f for _, f in fired if f])


class Rego(Engine):
    """Rego (rego-cpp): a module per case type whose `answer` names the rule that holds, else the
    missing facts; built once into bundles of REGO_GROUP case types, an interpreter each."""

    name = "Rego (rego-cpp)"
    package = "regopy"

    def load(self, specs: Sequence[CaseSpec]) -> float:
        import regopy

        modules = {spec.id: self._module(spec) for spec in specs}
        self.specs = {spec.id: spec for spec in specs}
        self.Input = regopy.Input
        self.entry = {case: f"cases/c_{case}/answer" for case in modules}
        self.compiled: dict[str, tuple[Any, Any]] = {}

        def compiled(cases: list[str]) -> tuple[Any, Any]:
            rego = regopy.Interpreter()
            for case in cases:
                rego.add_module(f"c_{case}.rego", modules[case])
            return rego, rego.build(None, [self.entry[case] for case in cases])

        def build() -> None:
            # A bundle per REGO_GROUP case types: a query's cost grows with its bundle (1.5 ms at
            # 400 case types, 24 ms at 1.000) and building one has a fixed cost (14 ms for a bundle
            # of one case type, 1.2 ms a case type in bundles of 40; measured at 400 case types).
            ids = list(modules)
            for start in range(0, len(ids), REGO_GROUP):
                group = ids[start : start + REGO_GROUP]
                rego, bundle = compiled(group)
                self.compiled.update({case: (rego, bundle) for case in group})

        return timed(build)

    @staticmethod
    def _module(spec: CaseSpec) -> str:
        lines = [f"package cases.c_{spec.id}", "import rego.v1"]
        atoms = sorted({atom for rule in spec.rules for term in rule.terms for atom in term})
        name = {atom: f"a{n}" for n, atom in enumerate(atoms)}
        for (f, op, v), a in name.items():
            lines += [f"{a} if input.{f} {op} {number(v)}", f"n{a} if not input.{f}", f"n{a} if {a}"]
        chain = []
        for r, rule in enumerate(spec.rules):
            for term in rule.terms:
                lines.append(f"t{r} if {{ {'; '.join(name[a] for a in term) or 'true'} }}")
                lines.append(f"o{r} if {{ {'; '.join('n' + name[a] for a in term) or 'true'} }}")
            lines += [f'depends contains "{f}" if {{ not input.{f}; o{r} }}' for f in rule.facts]
            chain.append(f'{{"rule": {r}}} if t{r}')
        if spec.facts:  # `depends` is defined only when some rule reads a fact
            chain.append('{"depends": sort(depends)} if count(depends) > 0')
        lines.append("answer := " + "\nelse := ".join(chain) + '\nelse := {"default": true}')
        return "\n".join(lines) + "\n"

    def decide(self, case: str, facts: Facts) -> Any:
        rego, bundle = self.compiled[case]
        rego.set_input(self.Input(facts))
        return rego.query_bundle_entrypoint(bundle, self.entry[case])

    def answer(self, result: Any, case: str) -> Answer:
        value = json.loads(str(result))["expressions"][0]
        return self.specs[case].result(value.get("rule"), value.get("depends", []))


PEERS: dict[str, type[Engine]] = {
    "zen": Zen,
    "cedar": Cedar,
    "rego": Rego,
    "rule-engine": RuleEngine,
    "floor": Floor,
}

"""The tables of docs/question-format.md, made from spec.py so the documentation cannot drift.

`python -m studyapp.bank.docgen docs/question-format.md` rewrites each part between
`<!-- generated: NAME -->` and `<!-- end generated -->`; a test checks that nothing would change.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from studyapp.bank import spec
from studyapp.bank.itemcheck.catalogue import CHECKS, Check, Scope

_SECTION = re.compile(r"(<!-- generated: ([\w-]+) -->\n)(.*?)(<!-- end generated -->)", re.DOTALL)


def _kind(field: spec.Field) -> str:
    if field.kind == spec.ENUM:
        return " / ".join(f"`{c}`" for c in field.choices)
    words = spec.KIND_WORDS[field.kind]
    if field.min_items:
        words += f", at least {field.min_items}"
    return words


def field_table(fields: tuple[spec.Field, ...]) -> str:
    rows = ["| key | | value | meaning |", "| --- | --- | --- | --- |"]
    for f in fields:
        need = "required" if f.required else "optional"
        rows.append(f"| `{f.name}` | {need} | {_kind(f)} | {f.help} |")
    return "\n".join(rows) + "\n"


def _type_section(t: spec.TypeSpec) -> str:
    return (
        f"{t.summary} Graded: {t.graded}.\n\n"
        + field_table(t.fields)
        + "\n```yaml\n"
        + t.example
        + "```\n"
    )


def _check_section(check: Check) -> str:
    scope = "one question" if check.scope is Scope.QUESTION else "across the bank"
    kinds = ", ".join(f"`{t}`" for t in check.types)
    return (
        f"#### `{check.code}`\n\n"
        f"*{scope}; looks at {kinds}*\n\n"
        f"- **Looks for:** {check.what}\n"
        f"- **Why it matters:** {check.why}\n"
        f"- **Fix:** {check.fix[:1].upper()}{check.fix[1:]}.\n\n"
        "Flagged:\n\n```yaml\n" + check.example + "```\n"
    )


def sections() -> dict[str, str]:
    out = {
        "bank": field_table(spec.BANK_FIELDS),
        "actor": field_table(spec.ACTOR_FIELDS),
        "source": field_table(spec.SOURCE_FIELDS),
        "stance": field_table(spec.STANCE_FIELDS),
        "position": field_table(spec.POSITION_FIELDS),
        "common": field_table(spec.COMMON_FIELDS),
    }
    for t in spec.TYPES:
        out[t.name] = _type_section(t)
    out["item-checks"] = "\n".join(_check_section(c) for c in CHECKS)
    return out


def render(text: str) -> str:
    generated = sections()

    def fill(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in generated:
            raise KeyError(f"no generated section called {name}")
        return match.group(1) + generated[name] + match.group(4)

    return _SECTION.sub(fill, text)


def main(argv: list[str]) -> int:
    for name in argv:
        path = Path(name)
        path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

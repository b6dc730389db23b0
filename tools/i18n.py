#!/usr/bin/env python3
"""Keeps src/PartnerPortal.Web/Resources/SharedResource{,.ru,.zh-Hans}.resx in step.

  tools/i18n.py missing           keys used in the source (L["..."], ErrorMessage = "...", Fail("...")) that have no entry
  tools/i18n.py add FILE.tsv      add or update entries from lines "English<TAB>Russian<TAB>Chinese"

English text is the key (ASP.NET Core's convention), so the English file maps each key to itself.
A key holding '|' is a plural: its value has English's 2 forms (one|other), Russian's 3 (one|few|many), Chinese's 1.
The test LocalizationTests checks the same rules in CI.
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RES = ROOT / "src/PartnerPortal.Web/Resources"
FILES = {"en": RES / "SharedResource.resx", "ru": RES / "SharedResource.ru.resx", "zh": RES / "SharedResource.zh-Hans.resx"}
PATTERNS = [
    re.compile(r'\b[Ll]\["((?:[^"\\]|\\.)*)"'),
    re.compile(r'ErrorMessage\s*=\s*"((?:[^"\\]|\\.)*)"'),
    re.compile(r'\bFail\(\s*"((?:[^"\\]|\\.)*)"'),
    # Plural forms: l.Plural(n, "{0} role|{0} roles") in the Web project, new Count(n, "...") in the domain's refusals.
    re.compile(r'\bPlural\([^"()]*(?:\([^"()]*\)[^"()]*)*,\s*"((?:[^"\\]|\\.)*)"'),
    re.compile(r'\bnew Count\([^"()]*(?:\([^"()]*\)[^"()]*)*,\s*"((?:[^"\\]|\\.)*)"'),
]

HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def read(path):
    if not path.exists():
        return {}
    return {d.get("name"): (d.findtext("value") or "") for d in ET.parse(path).getroot().findall("data")}


def write(path, entries):
    def esc(s):
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    lines = [HEADER]
    for key in sorted(entries, key=str.casefold):
        lines.append(f'  <data name="{esc(key)}" xml:space="preserve"><value>{esc(entries[key])}</value></data>\n')
    lines.append("</root>\n")
    path.write_text("".join(lines), encoding="utf-8")


def used_keys():
    keys = set()
    for path in list((ROOT / "src").rglob("*.cs")) + list((ROOT / "src").rglob("*.cshtml")):
        if "/obj/" in str(path) or "/bin/" in str(path):
            continue
        text = path.read_text(encoding="utf-8")
        for pattern in PATTERNS:
            keys.update(m.encode().decode("unicode_escape") if "\\" in m else m for m in pattern.findall(text))
    return keys


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "missing":
        known = read(FILES["en"])
        for key in sorted(used_keys() - set(known)):
            print(key)
    elif len(sys.argv) == 3 and sys.argv[1] == "add":
        data = {lang: read(path) for lang, path in FILES.items()}
        for n, line in enumerate(Path(sys.argv[2]).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                sys.exit(f"line {n}: expected English<TAB>Russian<TAB>Chinese: {line!r}")
            en, ru, zh = parts
            data["en"][en], data["ru"][en], data["zh"][en] = en, ru, zh
        for lang, path in FILES.items():
            write(path, data[lang])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

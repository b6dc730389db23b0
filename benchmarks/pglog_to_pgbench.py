#!/usr/bin/env python3
"""Reads PostgreSQL log records (log_min_duration_statement = 0, Debian's default prefix) from stdin and prints the SELECT
statements executed against the database named in argv[1], with their bind parameters filled in, as a pgbench script: the
SQL of one page view, to replay on its own. The background mail dispatcher's polling is left out."""
import re
import sys

database = sys.argv[1]
record_start = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
records, current = [], []
for line in sys.stdin:
    if record_start.match(line) and current:
        records.append("".join(current))
        current = []
    current.append(line)
if current:
    records.append("".join(current))

statements = []
for i, record in enumerate(records):
    if f"@{database} " not in record:
        continue
    match = re.search(r"LOG:  duration: [\d.]+ ms  execute [^:]*: (.*)", record, re.S)
    if not match:
        continue
    sql = match.group(1).strip()
    following = records[i + 1] if i + 1 < len(records) else ""
    parameters = {}
    detail = re.search(r"DETAIL:  parameters: (.*)", following, re.S | re.I)
    if detail:
        for name, value in re.findall(r"\$(\d+) = (NULL|'(?:[^']|'')*')", detail.group(1)):
            parameters[int(name)] = value
    for number in sorted(parameters, reverse=True):
        sql = re.sub(r"\$" + str(number) + r"(?!\d)", lambda _: parameters[number], sql)
    if not sql.lstrip().upper().startswith("SELECT") or "SKIP LOCKED" in sql:
        continue
    statements.append(sql.rstrip(";") + ";")

print("\n".join(statements))

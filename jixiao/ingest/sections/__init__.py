"""Section readers: each reads one part of a table (header fields, funds, goals, indicator
rows, totals, the 评分表) from a ``Table`` and records where each value came from."""

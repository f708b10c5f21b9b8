"""Reads that pages share, a module per domain, each in a fixed number of queries: rows (a
task on a day, and the lists), rollup (groups and programmes), overview, targets, search,
reports (the reporting pages). Import the module you need."""

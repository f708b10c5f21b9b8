"""Demo data: a province at real volume (bodies, accounts, programmes, tasks, a history of
reports) for trying the product and for the benchmarks. Not part of the product's code."""

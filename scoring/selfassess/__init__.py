"""Penilaian mandiri: a unit checks itself against the era's instrument before the visit.

`instrument` reads the checklist, `predict` turns answers into a self-estimate with the same
scoring code as real results, `records` keeps answers, evidence, reviews and history in the
database, `evidence` checks and stores uploaded files, `access` says who sees which unit.
"""

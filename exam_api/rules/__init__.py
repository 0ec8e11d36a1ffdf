"""The exam's rules: question types, answer shapes, scoring, grading methods,
timing, draws and review policy.

Standard library only, so every rule can be read and unit-tested on its own,
and every feature (exams, attempts, submissions, grading, results) uses the
same rule instead of asking another feature's service for it. Nothing here
imports upward: the rest of the project imports these modules, never the
other way round.
"""
